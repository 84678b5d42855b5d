/**
 * What a host asks about a client at an instant: module statuses with reasons, sessions, the next
 * session, rejected events and progress. Start with {@link org.blendedtherapy.state.ClientState}.
 */
@NullMarked
package org.blendedtherapy.state;

import org.jspecify.annotations.NullMarked;
