/**
 * Types shared by every part of blended: validation issues and the library's own exception.
 *
 * <p>Start with {@link org.blendedtherapy.json.ProtocolJson} to read a protocol document.
 */
@NullMarked
package org.blendedtherapy;

import org.jspecify.annotations.NullMarked;
