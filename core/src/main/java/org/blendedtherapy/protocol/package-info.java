/**
 * The protocol model: modules, unlocking rules as data, the session plan, measures, reminder
 * policies, reminder limits and tailoring. Values only; no I/O, no clock, no default zone.
 *
 * <p>Read a protocol with {@link org.blendedtherapy.json.ProtocolJson}; check the meaning of one
 * built in code with {@link org.blendedtherapy.protocol.Protocol#check()}.
 */
@NullMarked
package org.blendedtherapy.protocol;

import org.jspecify.annotations.NullMarked;
