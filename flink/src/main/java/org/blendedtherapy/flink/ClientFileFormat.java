package org.blendedtherapy.flink;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.ArrayResultIterator;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.blendedtherapy.json.EventsJson;
import org.jspecify.annotations.Nullable;

/**
 * Reads the client files of an input directory, the layout of {@code samples/clients}: {@code
 * NAME.enrolment.json} gives one enrolment record; {@code NAME.events.jsonl} (and, for files added
 * later to a watched directory, {@code NAME.events.ANYTHING.jsonl}) gives one record per event
 * line, keyed by the client reference of the enrolment beside it. Each file is one split, read
 * whole (an event log is at most {@link EventsJson#MAX_LOG_BYTES}); the position checkpointed is
 * the number of records already emitted, so a restored reader emits none twice.
 */
final class ClientFileFormat implements BulkFormat<InputRecord, FileSourceSplit> {
  private static final long serialVersionUID = 1L;
  static final String ENROLMENT = ".enrolment.json";
  static final String EVENTS = ".events";
  private static final long MAX_ENROLMENT_BYTES = 1 << 20;

  /** Files directly in the input directory with one of the two names; no subdirectories. */
  static Predicate<Path> filter(String root) {
    String top = trim(root);
    return path -> {
      String here = trim(path.toUri().getPath());
      if (here.equals(top)) {
        return true;
      }
      String name = path.getName();
      return path.getParent() != null
          && trim(path.getParent().toUri().getPath()).equals(top)
          && !name.startsWith(".")
          && !name.startsWith("_")
          && (name.endsWith(ENROLMENT) || isEvents(name));
    };
  }

  private static String trim(String path) {
    return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }

  static boolean isEvents(String name) {
    return name.endsWith(".jsonl") && name.indexOf(EVENTS) > 0;
  }

  @Override
  public Reader<InputRecord> createReader(Configuration config, FileSourceSplit split) {
    return new FileReader(split);
  }

  @Override
  public Reader<InputRecord> restoreReader(Configuration config, FileSourceSplit split) {
    return new FileReader(split);
  }

  @Override
  public boolean isSplittable() {
    return false;
  }

  @Override
  public TypeInformation<InputRecord> getProducedType() {
    return TypeInformation.of(InputRecord.class);
  }

  private static final class FileReader implements Reader<InputRecord> {
    private final FileSourceSplit split;
    private boolean done;

    FileReader(FileSourceSplit split) {
      this.split = split;
    }

    @Override
    public @Nullable RecordIterator<InputRecord> readBatch() throws IOException {
      if (done) {
        return null;
      }
      done = true;
      List<InputRecord> records = read(split.path());
      long skip =
          split.getReaderPosition().map(CheckpointedPosition::getRecordsAfterOffset).orElse(0L);
      InputRecord[] rest =
          records
              .subList((int) Math.min(skip, records.size()), records.size())
              .toArray(new InputRecord[0]);
      ArrayResultIterator<InputRecord> iterator = new ArrayResultIterator<>();
      iterator.set(rest, rest.length, CheckpointedPosition.NO_OFFSET, skip);
      return iterator;
    }

    @Override
    public void close() {}
  }

  /** Every record of one file, in file order. */
  static List<InputRecord> read(Path path) throws IOException {
    String name = path.getName();
    FileSystem fs = path.getFileSystem();
    if (name.endsWith(ENROLMENT)) {
      byte[] bytes = readAll(fs, path, MAX_ENROLMENT_BYTES);
      return List.of(
          bytes == null
              ? InputRecord.invalid("", "enrolment over 1 MiB", name, 0)
              : InputRecord.enrolment(bytes, name));
    }
    String stem = name.substring(0, name.indexOf(EVENTS));
    Path enrolmentPath = new Path(path.getParent(), stem + ENROLMENT);
    if (!fs.exists(enrolmentPath)) {
      return List.of(InputRecord.invalid("", "no enrolment beside this event log", name, 0));
    }
    byte[] enrolmentBytes = readAll(fs, enrolmentPath, MAX_ENROLMENT_BYTES);
    InputRecord enrolment =
        enrolmentBytes == null
            ? InputRecord.invalid("", "enrolment over 1 MiB", name, 0)
            : InputRecord.enrolment(enrolmentBytes, stem + ENROLMENT);
    if (enrolment.kind != InputRecord.Kind.ENROLMENT) {
      return List.of(
          InputRecord.invalid("", "the enrolment beside this event log is invalid", name, 0));
    }
    byte[] log = readAll(fs, path, EventsJson.MAX_LOG_BYTES);
    if (log == null) {
      return List.of(InputRecord.invalid(enrolment.client, "event log too large", name, 0));
    }
    List<InputRecord> records = new ArrayList<>();
    int start = 0;
    long number = 0;
    for (int i = 0; i <= log.length; i++) {
      if (i == log.length || log[i] == '\n') {
        number++;
        int end = i > start && log[i - 1] == '\r' ? i - 1 : i;
        if (!isBlank(log, start, end)) {
          records.add(
              InputRecord.event(
                  enrolment.client, Arrays.copyOfRange(log, start, end), name, number));
        }
        start = i + 1;
      }
    }
    return records;
  }

  private static boolean isBlank(byte[] bytes, int from, int to) {
    for (int i = from; i < to; i++) {
      if (bytes[i] != ' ' && bytes[i] != '\t') {
        return false;
      }
    }
    return true;
  }

  /** The whole file, or null when it is longer than the limit. */
  private static byte @Nullable [] readAll(FileSystem fs, Path path, long limit)
      throws IOException {
    try (FSDataInputStream in = fs.open(path)) {
      return readAll(in, limit);
    }
  }

  private static byte @Nullable [] readAll(InputStream in, long limit) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[65536];
    long total = 0;
    for (int n; (n = in.read(buffer)) > 0; ) {
      total += n;
      if (total > limit) {
        return null;
      }
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }
}
