/**
 * Implementation details shared across packages. Not API: anything here may change in any release,
 * and {@code module-info} does not export it.
 *
 * <p>{@link org.blendedtherapy.internal.Results} is the one way a package builds a result another
 * package owns: {@code Session} ({@code plan}) and {@code Rejection} ({@code client}) are built by
 * the fold in {@code timeline}, {@code Validation} by the readers in {@code json}, and none of them
 * has a public constructor, so that a host cannot build a result the library did not compute. Each
 * registers a factory for its package-private constructor here from its static initializer; {@code
 * Results}' static methods initialize the type first and call that factory. A result type that
 * another package must build uses the same mechanism rather than a public constructor or factory.
 *
 * <p>{@link org.blendedtherapy.internal.Queries} does the same for a query: {@code Reminders}
 * registers the reminder queries of a timeline, which {@code ClientState} asks, so that no public
 * method of an exported package takes the unexported {@code Timeline}.
 */
@NullMarked
package org.blendedtherapy.internal;

import org.jspecify.annotations.NullMarked;
