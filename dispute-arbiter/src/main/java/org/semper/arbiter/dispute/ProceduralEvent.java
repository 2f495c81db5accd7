package org.semper.arbiter.dispute;

import java.time.Instant;
import java.util.Optional;

/** One recorded step of a dispute. {@code evidence} is a statement the event rests on, as received. */
public record ProceduralEvent(int seq, String kind, Instant at, String detail, Optional<byte[]> evidence) {
}
