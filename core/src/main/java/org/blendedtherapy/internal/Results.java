package org.blendedtherapy.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;
import org.blendedtherapy.Issue;
import org.blendedtherapy.Validation;
import org.blendedtherapy.client.PinnedProtocol;
import org.blendedtherapy.client.Rejection;
import org.blendedtherapy.client.RejectionCode;
import org.blendedtherapy.plan.Session;
import org.blendedtherapy.plan.SessionStatus;
import org.blendedtherapy.protocol.Protocol;
import org.blendedtherapy.protocol.SessionType;

/**
 * The one way core's packages build a result that another package owns and a host must not build.
 * Not API.
 *
 * <p>A result type ({@link Session}, {@link Rejection}, {@link Validation}, {@link PinnedProtocol})
 * has only a package-private constructor. From its static initializer it hands this class a factory
 * that calls that constructor ({@code register}); core code in another package builds one through
 * the static methods here ({@link #session}, {@link #rejection}, {@link #validation}), which first
 * make sure the type is initialized, so its factory is registered. Each factory can be registered
 * once; a second registration throws. The JDK's own "shared secrets" do the same.
 */
@API(status = INTERNAL, since = "0.2")
public final class Results {
  private Results() {}

  /** Builds sessions; registered by {@link Session}. */
  @API(status = INTERNAL, since = "0.2")
  @FunctionalInterface
  public interface SessionFactory {
    /**
     * Builds a session from its components, in {@link Session}'s accessor order.
     *
     * @param number the number
     * @param type the type
     * @param planned the first planned local date-time
     * @param local the local date-time now meant
     * @param instant the instant
     * @param windowEnd the end of its window
     * @param status the status
     * @param reason the reason
     * @return the session
     */
    Session session(
        int number,
        SessionType type,
        LocalDateTime planned,
        LocalDateTime local,
        Instant instant,
        Instant windowEnd,
        SessionStatus status,
        Optional<String> reason);
  }

  /** Builds rejections; registered by {@link Rejection}. */
  @API(status = INTERNAL, since = "0.2")
  @FunctionalInterface
  public interface RejectionFactory {
    /**
     * Builds a rejection.
     *
     * @param event the event's id
     * @param code the code
     * @param reason the reason in words
     * @return the rejection
     */
    Rejection rejection(String event, RejectionCode code, String reason);
  }

  /** Builds validation outcomes; registered by {@link Validation}. */
  @API(status = INTERNAL, since = "0.2")
  public interface ValidationFactory {
    /**
     * Builds a validation outcome.
     *
     * @param issues every issue
     * @param value the value, present exactly when no issue is an error
     * @param <T> the type of value
     * @return the outcome
     */
    <T> Validation<T> validation(List<Issue> issues, Optional<T> value);
  }

  /** Builds pinned protocols; registered by {@link PinnedProtocol}. */
  @API(status = INTERNAL, since = "0.2")
  @FunctionalInterface
  public interface PinnedFactory {
    /**
     * Pairs a protocol with the hash the caller computed from it.
     *
     * @param protocol the protocol
     * @param sha256 the lowercase hex SHA-256 of its canonical form
     * @return the pinned protocol
     */
    PinnedProtocol pinned(Protocol protocol, String sha256);
  }

  private static final Slot<SessionFactory> SESSIONS =
      new Slot<>("the session factory", Session.class.getName());
  private static final Slot<PinnedFactory> PINS =
      new Slot<>("the pinned-protocol factory", PinnedProtocol.class.getName());
  private static final Slot<RejectionFactory> REJECTIONS =
      new Slot<>("the rejection factory", Rejection.class.getName());
  private static final Slot<ValidationFactory> VALIDATIONS =
      new Slot<>("the validation factory", Validation.class.getName());

  /**
   * Registers the session factory; called once, by {@link Session}'s static initializer.
   *
   * @param factory the factory
   * @throws IllegalStateException if one is registered already
   */
  public static void register(SessionFactory factory) {
    SESSIONS.register(factory);
  }

  /**
   * Registers the rejection factory; called once, by {@link Rejection}'s static initializer.
   *
   * @param factory the factory
   * @throws IllegalStateException if one is registered already
   */
  public static void register(RejectionFactory factory) {
    REJECTIONS.register(factory);
  }

  /**
   * Registers the validation factory; called once, by {@link Validation}'s static initializer.
   *
   * @param factory the factory
   * @throws IllegalStateException if one is registered already
   */
  public static void register(ValidationFactory factory) {
    VALIDATIONS.register(factory);
  }

  /**
   * Registers the pinned-protocol factory; called once, by {@link PinnedProtocol}'s static
   * initializer.
   *
   * @param factory the factory
   * @throws IllegalStateException if one is registered already
   */
  public static void registerPins(PinnedFactory factory) {
    PINS.register(factory);
  }

  /**
   * Pins a protocol; see {@link PinnedFactory#pinned}. Only {@code ProtocolJson.pin}, which
   * computes the hash, calls it.
   *
   * @param protocol the protocol
   * @param sha256 the lowercase hex SHA-256 of its canonical form
   * @return the pinned protocol
   */
  public static PinnedProtocol pinned(Protocol protocol, String sha256) {
    return PINS.get().pinned(protocol, sha256);
  }

  /**
   * Builds a session; see {@link SessionFactory#session}.
   *
   * @param number the number
   * @param type the type
   * @param planned the first planned local date-time
   * @param local the local date-time now meant
   * @param instant the instant
   * @param windowEnd the end of its window
   * @param status the status
   * @param reason the reason
   * @return the session
   */
  public static Session session(
      int number,
      SessionType type,
      LocalDateTime planned,
      LocalDateTime local,
      Instant instant,
      Instant windowEnd,
      SessionStatus status,
      Optional<String> reason) {
    return SESSIONS.get().session(number, type, planned, local, instant, windowEnd, status, reason);
  }

  /**
   * Builds a rejection; see {@link RejectionFactory#rejection}.
   *
   * @param event the event's id
   * @param code the code
   * @param reason the reason in words
   * @return the rejection
   */
  public static Rejection rejection(String event, RejectionCode code, String reason) {
    return REJECTIONS.get().rejection(event, code, reason);
  }

  /**
   * Builds a validation outcome; see {@link ValidationFactory#validation}.
   *
   * @param issues every issue
   * @param value the value, present exactly when no issue is an error
   * @param <T> the type of value
   * @return the outcome
   * @throws IllegalArgumentException if a value is present beside an error, or absent without one
   */
  public static <T> Validation<T> validation(List<Issue> issues, Optional<T> value) {
    return VALIDATIONS.get().validation(issues, value);
  }
}
