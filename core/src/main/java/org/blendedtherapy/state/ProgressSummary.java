package org.blendedtherapy.state;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * How far a client has come: sessions attended of planned, core modules completed of those in the
 * client's path (skipped ones are out of it).
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param sessionsAttended attended sessions
 * @param sessionsPlanned planned sessions
 * @param coreModulesCompleted completed core modules
 * @param coreModules core modules in the client's path
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record ProgressSummary(
    int sessionsAttended, int sessionsPlanned, int coreModulesCompleted, int coreModules) {}
