/**
 * The Apache Flink job of blended: every client's events folded into keyed state as they arrive,
 * one timer per client for its next reminder, reminders emitted exactly once.
 */
@NullMarked
package org.blendedtherapy.flink;

import org.jspecify.annotations.NullMarked;
