/** The {@code blended} command for researchers and integrators. */
@NullMarked
package org.blendedtherapy.cli;

import org.jspecify.annotations.NullMarked;
