/**
 * Property testing for blended without a test framework: generators with integrated shrinking
 * ({@link org.blendedtherapy.testkit.Gen}, {@link org.blendedtherapy.testkit.Shrinkable}), a runner
 * that prints a seed and a minimal counterexample ({@link org.blendedtherapy.testkit.Property}),
 * generators of valid and mutated protocols ({@link org.blendedtherapy.testkit.Protocols}), of
 * dates, times, zones and instants around DST transitions ({@link
 * org.blendedtherapy.testkit.Times}), and of enrolments and event histories ({@link
 * org.blendedtherapy.testkit.Clients}).
 *
 * <p>Nothing here depends on JUnit or any other engine: a failure is a plain {@link
 * java.lang.AssertionError}, so any framework reports it.
 */
@NullMarked
package org.blendedtherapy.testkit;

import org.jspecify.annotations.NullMarked;
