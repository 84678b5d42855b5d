package org.blendedtherapy.protocol;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * What a therapist may change for one client. Anything not allowed is rejected when it happens.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param release whether a therapist may release any module early; a {@code therapistRelease} rule
 *     can always be satisfied by a release
 * @param skip the module kinds a therapist may skip
 * @param reorder whether a therapist may change the suggested module order
 * @param repeat whether a therapist may ask a client to repeat a completed module
 * @param assign whether a therapist may choose which module an online session covers and add
 *     optional modules
 * @param sessions the bounds a therapist may move the number of sessions within, when allowed
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record Tailoring(
    boolean release,
    Set<ModuleKind> skip,
    boolean reorder,
    boolean repeat,
    boolean assign,
    Optional<SessionBounds> sessions) {

  /** Nothing may be tailored: what a protocol without {@code tailoring} means. */
  public static final Tailoring NONE =
      new Tailoring(false, Set.of(), false, false, false, Optional.empty());

  /** Creates tailoring rules. */
  public Tailoring {
    skip = Set.copyOf(skip);
    Objects.requireNonNull(sessions, "sessions");
  }

  /**
   * Tells whether a therapist may skip modules of a kind.
   *
   * @param kind the module kind
   * @return true when skipping it is allowed
   */
  public boolean maySkip(ModuleKind kind) {
    return skip.contains(kind);
  }

  /**
   * The fewest and the most sessions a therapist may plan for one client.
   *
   * @param min the fewest
   * @param max the most
   */
  @API(status = EXPERIMENTAL, since = "0.1")
  public record SessionBounds(int min, int max) {}
}
