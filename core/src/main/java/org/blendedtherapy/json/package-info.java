/**
 * The JSON form of blended documents: the only package that touches Jackson or the JSON Schema
 * validator. Reading is strict (limits, duplicate keys, schema, meaning) and collects every issue;
 * writing produces the canonical form (RFC 8785) that pins an enrolment to an exact protocol.
 */
@NullMarked
package org.blendedtherapy.json;

import org.jspecify.annotations.NullMarked;
