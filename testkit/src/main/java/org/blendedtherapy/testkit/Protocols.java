package org.blendedtherapy.testkit;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.List;
import org.apiguardian.api.API;
import org.blendedtherapy.protocol.Protocol;
import org.blendedtherapy.protocol.SessionPlan;

/**
 * Generators of protocols: valid ones, invalid ones made by a single mutation, and garbage.
 *
 * <p>A valid protocol passes {@code ProtocolJson.validate(ProtocolJson.canonical(p))} with no error
 * (warnings such as {@code prompt-load} or {@code long-plan} may occur). It holds one to ten
 * modules whose rules reference earlier modules only (so it is acyclic by construction) and use
 * every rule kind, with rules up to the depth limit of 16; a session plan; measures; reminder
 * policies of every schedule kind; reminder limits; and tailoring. Shrinking keeps it valid: fewer
 * modules, shallower rules, smaller numbers, fewer policies.
 *
 * <p>The generators are thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class Protocols {
  private Protocols() {}

  /**
   * Returns a generator of valid protocols.
   *
   * @return the generator
   */
  public static Gen<Protocol> valid() {
    return ValidProtocols.protocols();
  }

  /**
   * Returns a generator of valid session plans: one to four session types in the pattern, a
   * positive cadence, and a duration for every type in the pattern.
   *
   * @return the generator
   */
  public static Gen<SessionPlan> sessionPlans() {
    return ValidProtocols.sessionPlans();
  }

  /**
   * Returns a generator of invalid protocol documents, each a valid protocol's canonical JSON with
   * one {@link Mutant.Mutation} applied, any of them.
   *
   * @return the generator
   */
  public static Gen<Mutant> mutants() {
    return Gen.elements(Mutant.Mutation.values()).flatMap(Protocols::mutants);
  }

  /**
   * Returns a generator of invalid protocol documents made by one given mutation.
   *
   * @param mutation the mutation to apply
   * @return the generator
   */
  public static Gen<Mutant> mutants(Mutant.Mutation mutation) {
    return Gen.zip(
        valid(),
        Gen.zip(Gen.choose(0, Integer.MAX_VALUE), Gen.choose(0, 1000), List::of),
        (protocol, picks) -> Mutator.mutate(protocol, mutation, picks.get(0), picks.get(1)));
  }

  /**
   * Returns a generator of inputs a parser must survive: random bytes, random JSON texts over the
   * protocol vocabulary (duplicate keys, huge and fractional numbers, lone surrogates), deep
   * nesting, truncations and single-byte corruptions of valid documents, and valid documents with
   * one node replaced by a random JSON value.
   *
   * @return the generator
   */
  public static Gen<byte[]> garbage() {
    return Garbage.any();
  }
}
