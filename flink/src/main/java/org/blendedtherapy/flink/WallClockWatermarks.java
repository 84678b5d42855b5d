package org.blendedtherapy.flink;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/**
 * Live watermarks: event time is the wall clock less a delay, whatever the events' {@code at}. An
 * event is folded when the clock passes its {@code at} (a future-dated event waits), and the
 * reminders of an instant are decided a delay after it, with every event that arrived by then.
 */
final class WallClockWatermarks<T> implements WatermarkGenerator<T> {
  private final long delayMillis;

  WallClockWatermarks(long delayMillis) {
    this.delayMillis = delayMillis;
  }

  @Override
  public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {}

  @Override
  public void onPeriodicEmit(WatermarkOutput output) {
    output.emitWatermark(new Watermark(System.currentTimeMillis() - delayMillis));
  }
}
