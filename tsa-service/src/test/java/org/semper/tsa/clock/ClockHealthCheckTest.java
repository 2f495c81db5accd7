package org.semper.tsa.clock;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ClockHealthCheckTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
    private final SettableClockSource source = new SettableClockSource(clock);
    private final ClockGuard guard = new ClockGuard(source,
            new ClockPolicy(Duration.ofSeconds(1), Duration.ofSeconds(64), Duration.ofMinutes(5)),
            new SimpleMeterRegistry(), clock);
    private final ClockHealthCheck check = new ClockHealthCheck(guard);

    @Test
    void isUpWithTheReadingWhenTheClockIsTrusted() {
        source.offset(Duration.ofMillis(200));
        guard.refreshNow();

        HealthCheckResponse response = check.call();

        assertThat(response.getName()).isEqualTo("clock");
        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(response.getData()).hasValueSatisfying(data -> assertThat(data)
                .containsEntry(ClockHealthCheck.SOURCE, SettableClockSource.SOURCE)
                .containsEntry(ClockHealthCheck.SYNCHRONISED, true)
                .containsEntry(ClockHealthCheck.OFFSET_MILLIS, 200L)
                .containsEntry(ClockHealthCheck.MAX_OFFSET_MILLIS, 1000L)
                .containsEntry(ClockHealthCheck.READ_AT, clock.instant().toString())
                .doesNotContainKey(ClockHealthCheck.REASON));
    }

    @Test
    void isDownWithTheReasonWhenTheOffsetIsTooLarge() {
        source.offset(Duration.ofMillis(1500));
        guard.refreshNow();

        HealthCheckResponse response = check.call();

        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(response.getData()).hasValueSatisfying(data -> assertThat(data)
                .containsEntry(ClockHealthCheck.OFFSET_MILLIS, 1500L)
                .containsEntry(ClockHealthCheck.REASON,
                        "offset 1.500 s exceeds the allowed 1.000 s against " + SettableClockSource.SOURCE));
    }

    @Test
    void isDownWithoutAnOffsetWhenUnsynchronised() {
        source.unsynchronised("no answer");
        guard.refreshNow();

        Map<String, Object> data = check.call().getData().orElseThrow();

        assertThat(check.call().getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(data).containsEntry(ClockHealthCheck.SYNCHRONISED, false)
                .doesNotContainKey(ClockHealthCheck.OFFSET_MILLIS)
                .hasEntrySatisfying(ClockHealthCheck.REASON, r -> assertThat((String) r).contains("no answer"));
    }

    @Test
    void isDownBeforeTheFirstReading() {
        assertThat(check.call().getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
    }
}
