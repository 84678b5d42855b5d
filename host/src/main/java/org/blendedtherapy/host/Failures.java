package org.blendedtherapy.host;

/**
 * Describes a failure for the log by its types and frames only: the messages of database and
 * parsing errors can quote values (a client reference in a key, an event's content).
 */
final class Failures {
  private Failures() {}

  static String describe(Throwable failure) {
    StringBuilder text = new StringBuilder();
    Throwable t = failure;
    for (int depth = 0; t != null && depth < 8; depth++, t = t.getCause()) {
      text.append(depth == 0 ? "" : " caused by ").append(t.getClass().getName());
      StackTraceElement[] frames = t.getStackTrace();
      for (int i = 0; i < Math.min(frames.length, 6); i++) {
        text.append("\n\tat ").append(frames[i]);
      }
    }
    return text.toString();
  }
}
