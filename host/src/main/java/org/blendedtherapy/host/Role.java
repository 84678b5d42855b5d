package org.blendedtherapy.host;

import java.util.Locale;

/** The roles a bearer token grants. */
enum Role {
  /** The record system itself: every endpoint. */
  SERVICE,
  /** A therapist: the clients on their caseload only. */
  THERAPIST,
  /** The reminder sender: {@code /due} only. */
  NOTIFIER;

  String json() {
    return name().toLowerCase(Locale.ROOT);
  }

  static Role fromJson(String json) {
    for (Role role : values()) {
      if (role.json().equals(json)) {
        return role;
      }
    }
    throw new IllegalArgumentException("no role " + json);
  }
}
