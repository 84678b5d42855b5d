package org.blendedtherapy.protocol;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * The shortest and longest length of a session, in minutes. Validation reports {@code min > max}.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param min the shortest, in minutes
 * @param max the longest, in minutes
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record MinutesRange(int min, int max) {}
