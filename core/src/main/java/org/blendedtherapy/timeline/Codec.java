package org.blendedtherapy.timeline;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** Writes and reads the values of a timeline snapshot: nullable instants, local times, strings. */
final class Codec {
  private Codec() {}

  /** The writing side. */
  record Out(DataOutputStream out) {
    void instant(Instant instant) throws IOException {
      out.writeBoolean(instant != null);
      if (instant != null) {
        out.writeLong(instant.getEpochSecond());
        out.writeInt(instant.getNano());
      }
    }

    void local(LocalDateTime local) throws IOException {
      out.writeBoolean(local != null);
      if (local != null) {
        out.writeLong(local.toEpochSecond(ZoneOffset.UTC));
        out.writeInt(local.getNano());
      }
    }

    void string(String text) throws IOException {
      out.writeBoolean(text != null);
      if (text != null) {
        out.writeUTF(text);
      }
    }

    void fact(ModuleLedger.Fact fact) throws IOException {
      out.writeBoolean(fact != null);
      if (fact != null) {
        out.writeInt(fact.seq());
        instant(fact.at());
      }
    }

    void opening(ModuleLedger.Opening opening) throws IOException {
      out.writeBoolean(opening != null);
      if (opening != null) {
        out.writeByte(opening.by().ordinal());
        fact(opening.fact());
        out.writeInt(opening.session().orElse(-1));
      }
    }
  }

  /** The reading side. */
  record In(DataInputStream in) {
    Instant instant() throws IOException {
      return in.readBoolean() ? Instant.ofEpochSecond(in.readLong(), in.readInt()) : null;
    }

    LocalDateTime local() throws IOException {
      return in.readBoolean()
          ? LocalDateTime.ofEpochSecond(in.readLong(), in.readInt(), ZoneOffset.UTC)
          : null;
    }

    String string() throws IOException {
      return in.readBoolean() ? in.readUTF() : null;
    }

    ModuleLedger.Fact fact() throws IOException {
      return in.readBoolean() ? new ModuleLedger.Fact(in.readInt(), instant()) : null;
    }

    ModuleLedger.Opening opening() throws IOException {
      if (!in.readBoolean()) {
        return null;
      }
      ModuleLedger.OpenedBy by = ModuleLedger.OpenedBy.values()[in.readUnsignedByte()];
      ModuleLedger.Fact fact = fact();
      int session = in.readInt();
      return new ModuleLedger.Opening(
          by,
          fact,
          session < 0 ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(session));
    }
  }
}
