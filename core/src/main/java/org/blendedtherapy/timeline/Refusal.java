package org.blendedtherapy.timeline;

import org.blendedtherapy.client.RejectionCode;

/** Why the fold refuses an event: a code and the words a therapist reads. */
record Refusal(RejectionCode code, String reason) {}
