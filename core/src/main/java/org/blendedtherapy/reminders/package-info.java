/**
 * Reminders that help without intruding: occurrences of each policy resolved from local intent in
 * the client's zone, then suppressed, each with its reason, for pauses, discharge, opt-outs, tasks
 * already done, quiet hours, backoff and the daily cap. Start with {@link
 * org.blendedtherapy.reminders.Reminders}.
 */
@NullMarked
package org.blendedtherapy.reminders;

import org.jspecify.annotations.NullMarked;
