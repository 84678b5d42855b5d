/**
 * Implementation details shared across packages. Not API: anything here may change in any release,
 * and {@code module-info} does not export it.
 */
@NullMarked
package org.blendedtherapy.internal;

import org.jspecify.annotations.NullMarked;
