/**
 * The session plan of one client: planned local date-times resolved to instants in the client's
 * zone, windows, moves, pauses and statuses. Plans are wall-clock intent: a local date and time,
 * resolved to an instant only when asked.
 */
@NullMarked
package org.blendedtherapy.plan;

import org.jspecify.annotations.NullMarked;
