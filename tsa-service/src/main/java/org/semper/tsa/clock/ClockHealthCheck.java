package org.semper.tsa.clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness check {@value #NAME}: DOWN while the {@link ClockGuard} does not trust the clock, so traffic is not
 * routed to an instance that would refuse every time-stamp request.
 */
@Readiness
@ApplicationScoped
public class ClockHealthCheck implements HealthCheck {

    /** Name of the check. */
    public static final String NAME = "clock";

    /** Data key: {@link ClockReading#source()}. */
    public static final String SOURCE = "source";
    /** Data key: {@link ClockReading#synchronised()}. */
    public static final String SYNCHRONISED = "synchronised";
    /** Data key: measured offset in milliseconds; absent when the source does not measure it. */
    public static final String OFFSET_MILLIS = "offsetMillis";
    /** Data key: the stated accuracy in milliseconds. */
    public static final String MAX_OFFSET_MILLIS = "maxOffsetMillis";
    /** Data key: when the reading was made (ISO-8601). */
    public static final String READ_AT = "readAt";
    /** Data key: why the clock is not trusted; present only when DOWN. */
    public static final String REASON = "reason";

    private final ClockGuard guard;

    @Inject
    public ClockHealthCheck(ClockGuard guard) {
        this.guard = guard;
    }

    @Override
    public HealthCheckResponse call() {
        ClockStatus status = guard.status();
        ClockReading reading = status.reading();
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME)
                .status(status.trusted())
                .withData(SOURCE, reading.source())
                .withData(SYNCHRONISED, reading.synchronised())
                .withData(MAX_OFFSET_MILLIS, status.maxOffset().toMillis())
                .withData(READ_AT, reading.readAt().toString());
        reading.offset().ifPresent(offset -> response.withData(OFFSET_MILLIS, offset.toMillis()));
        status.reason().ifPresent(reason -> response.withData(REASON, reason));
        return response.build();
    }
}
