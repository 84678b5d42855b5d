package org.blendedtherapy.state;

/**
 * Not a result: a test fixture with what the architecture rule forbids on one, a public constructor
 * and a public record, beside a nested type that is sealed as results are.
 */
public final class PublicResultFixture {
  /** The constructor the rule must find. */
  public PublicResultFixture() {}

  /** A record, whose canonical constructor is public. */
  public record Nested(int value) {}

  /** Sealed as a result is: the rule must not name it. */
  public static final class Sealed {
    Sealed() {}
  }
}
