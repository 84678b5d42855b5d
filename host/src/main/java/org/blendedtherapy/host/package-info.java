/**
 * The reference host: an HTTP API over an event store on SQLite or PostgreSQL, the therapist's
 * briefing page and bearer-token access control, built on the library's public API only. Start it
 * with {@link org.blendedtherapy.host.HostMain}.
 */
@NullMarked
package org.blendedtherapy.host;

import org.jspecify.annotations.NullMarked;
