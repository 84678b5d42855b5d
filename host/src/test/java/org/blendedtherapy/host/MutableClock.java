package org.blendedtherapy.host;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock the test moves by hand, in UTC whatever the machine's zone. */
final class MutableClock extends Clock {
  private volatile Instant now;

  MutableClock(Instant now) {
    this.now = now;
  }

  void set(Instant instant) {
    now = instant;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  /** A view of this clock in another zone: it reads the same, hand-moved instant. */
  @Override
  public Clock withZone(ZoneId zone) {
    MutableClock clock = this;
    return new Clock() {
      @Override
      public ZoneId getZone() {
        return zone;
      }

      @Override
      public Clock withZone(ZoneId other) {
        return clock.withZone(other);
      }

      @Override
      public Instant instant() {
        return clock.instant();
      }
    };
  }

  @Override
  public Instant instant() {
    return now;
  }
}
