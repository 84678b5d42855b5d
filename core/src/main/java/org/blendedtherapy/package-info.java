/**
 * Types shared by every part of blended: validation issues and the library's own exception.
 *
 * <p>Start with {@link org.blendedtherapy.json.ProtocolJson} to read a protocol document. The types
 * a host uses: to read and write, {@link org.blendedtherapy.json.ProtocolJson}, {@link
 * org.blendedtherapy.json.EnrolmentJson}, {@link org.blendedtherapy.json.EventsJson}, {@link
 * org.blendedtherapy.json.StateJson} and {@link org.blendedtherapy.json.RemindersJson}; as inputs,
 * {@link org.blendedtherapy.protocol.Protocol}, {@link org.blendedtherapy.client.PinnedProtocol},
 * {@link org.blendedtherapy.client.Enrolment}, {@link org.blendedtherapy.client.Event} and {@link
 * org.blendedtherapy.client.History}; as answers, {@link org.blendedtherapy.state.ClientState},
 * {@link org.blendedtherapy.state.ModuleState}, {@link org.blendedtherapy.plan.Session}, {@link
 * org.blendedtherapy.reminders.ReminderSchedule}, {@link org.blendedtherapy.reminders.Reminder},
 * {@link org.blendedtherapy.state.Bridge}, {@link org.blendedtherapy.state.Outcome} and {@link
 * org.blendedtherapy.state.RiskFlag}; for errors, {@link Validation}, {@link Issue}, {@link
 * IssueCode}, {@link InvalidInputException} and {@link org.blendedtherapy.client.Rejection}.
 * Everything else public is a value reached through these, a view for tools ({@link
 * org.blendedtherapy.state.Simulation}, {@link org.blendedtherapy.state.Burden}, {@link
 * org.blendedtherapy.state.ProtocolDiff}) or one of three helpers: {@link
 * org.blendedtherapy.plan.Times} (the one local-time format, and the gap and overlap rule), {@link
 * SupportedRange} (the years the library answers for) and {@link
 * org.blendedtherapy.reminders.Reminders#id} (a reminder's id, for a host that records responses).
 */
@NullMarked
package org.blendedtherapy;

import org.jspecify.annotations.NullMarked;
