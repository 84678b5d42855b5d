/**
 * A client on a protocol: the enrolment (pinned protocol, start, zone, preferences) and the event
 * history, a set of events folded in canonical order ({@code at}, then {@code id}).
 */
@NullMarked
package org.blendedtherapy.client;

import org.jspecify.annotations.NullMarked;
