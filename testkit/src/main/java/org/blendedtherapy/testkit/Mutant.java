package org.blendedtherapy.testkit;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Objects;
import org.apiguardian.api.API;
import org.blendedtherapy.IssueCode;
import org.blendedtherapy.json.ProtocolJson;
import org.blendedtherapy.protocol.Protocol;

/**
 * An invalid protocol document made by one mutation of a valid protocol's canonical JSON: the
 * document, the mutation applied, the issue code the validator must report and the JSON pointer at
 * which it must report it.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param mutation the kind of mutation
 * @param pointer the RFC 6901 pointer of the mutated node, where the error is expected
 * @param change what was changed, for people reading a failure
 * @param json the mutated document
 * @param original the valid protocol that was mutated
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record Mutant(
    Mutation mutation, String pointer, String change, String json, Protocol original) {

  /** Creates a mutant. */
  public Mutant {
    Objects.requireNonNull(mutation, "mutation");
    Objects.requireNonNull(pointer, "pointer");
    Objects.requireNonNull(change, "change");
    Objects.requireNonNull(json, "json");
    Objects.requireNonNull(original, "original");
  }

  /**
   * Returns the issue code the validator must report for this mutant.
   *
   * @return the code, such as {@link IssueCode#UNKNOWN_MODULE}
   */
  public IssueCode expectedCode() {
    return mutation.code();
  }

  /** Returns the mutation, the expected issue and the mutated document, for failure messages. */
  @Override
  public String toString() {
    return mutation
        + " ("
        + change
        + "), expecting error "
        + pointer
        + " ["
        + expectedCode()
        + "]\n  mutated: "
        + json
        + "\n  original: "
        + ProtocolJson.canonical(original);
  }

  /** The single mutations, each with the issue code it must cause. */
  @API(status = EXPERIMENTAL, since = "0.1")
  public enum Mutation {
    /** A {@code moduleCompleted} or {@code moduleStarted} names a module that does not exist. */
    DANGLING_REFERENCE(IssueCode.UNKNOWN_MODULE),
    /** An earlier module requires a later one that (transitively) requires it. */
    CYCLE(IssueCode.CYCLE),
    /** A module takes the id of another module. */
    DUPLICATE_ID(IssueCode.DUPLICATE_ID),
    /** An object gains a key the schema does not know. */
    UNKNOWN_KEY(IssueCode.UNKNOWN_KEY),
    /** An integer moves just outside its documented range, such as {@code sessions: 0}. */
    OUT_OF_RANGE(IssueCode.OUT_OF_RANGE);

    private final IssueCode code;

    Mutation(IssueCode code) {
      this.code = code;
    }

    /**
     * Returns the issue code this mutation must cause.
     *
     * @return the stable code
     */
    public IssueCode code() {
      return code;
    }
  }
}
