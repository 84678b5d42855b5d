/**
 * A client's history folded once: sessions and plan versions, zones, pauses, discharge, a ledger
 * per module with exact instants, accepted and rejected events, and the indexes reminders read.
 * Nothing else in the library folds events; state and reminders read the timeline.
 *
 * <p>Not API: hosts ask {@code ClientState}; the types here are public only so that the packages
 * above can read them, and may change in any release.
 */
@NullMarked
package org.blendedtherapy.timeline;

import org.jspecify.annotations.NullMarked;
