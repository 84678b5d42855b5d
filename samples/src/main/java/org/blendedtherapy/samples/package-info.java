/**
 * Integration code a host can copy: how an IAPT record system embeds blended. Run as tests, so the
 * examples in the README cannot rot.
 */
@NullMarked
package org.blendedtherapy.samples;

import org.jspecify.annotations.NullMarked;
