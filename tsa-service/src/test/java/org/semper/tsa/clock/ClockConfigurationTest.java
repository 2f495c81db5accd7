package org.semper.tsa.clock;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClockConfigurationTest {

    record Config(ClockSourceKind source, Optional<List<String>> ntpServers, Duration maxOffset,
                  Duration pollInterval, Duration maxAge, Duration timeout) implements ClockConfig {

        static Config of(ClockSourceKind source, List<String> servers) {
            return new Config(source, Optional.of(servers), Duration.ofSeconds(1), Duration.ofSeconds(64),
                    Duration.ofMinutes(5), Duration.ofSeconds(2));
        }
    }

    @Test
    void ntpWithoutServersFailsFastSayingWhatToSet() {
        for (Optional<List<String>> servers : List.of(Optional.<List<String>>empty(), Optional.of(List.of("")))) {
            Config config = new Config(ClockSourceKind.NTP, servers, Duration.ofSeconds(1), Duration.ofSeconds(64),
                    Duration.ofMinutes(5), Duration.ofSeconds(2));

            assertThatThrownBy(() -> ClockSourceProducer.create(config))
                    .isInstanceOf(ClockConfigurationException.class)
                    .hasMessageContaining("semper.tsa.clock.ntp-servers")
                    .hasMessageContaining("semper.tsa.clock.source=os|host");
        }
    }

    @Test
    void eachKindProducesItsSource() {
        assertThat(ClockSourceProducer.create(Config.of(ClockSourceKind.NTP, List.of("127.0.0.1:4123"))))
                .isInstanceOfSatisfying(NtpClockSource.class, ntp -> assertThat(ntp.servers())
                        .containsExactly(new NtpServer("127.0.0.1", 4123)));
        assertThat(ClockSourceProducer.create(Config.of(ClockSourceKind.OS, List.of())))
                .isInstanceOf(OsClockSource.class);
        assertThat(ClockSourceProducer.create(Config.of(ClockSourceKind.HOST, List.of())))
                .isInstanceOf(HostClockSource.class);
    }

    @Test
    void policyComesFromTheConfiguration() {
        ClockPolicy policy = ClockPolicy.from(Config.of(ClockSourceKind.HOST, List.of()));

        assertThat(policy).isEqualTo(new ClockPolicy(Duration.ofSeconds(1), Duration.ofSeconds(64),
                Duration.ofMinutes(5)));
    }

    @Test
    void policyRefusesLimitsThatCannotWork() {
        assertThatThrownBy(() -> new ClockPolicy(Duration.ZERO, Duration.ofSeconds(64), Duration.ofMinutes(5)))
                .isInstanceOf(ClockConfigurationException.class).hasMessageContaining("max-offset");
        assertThatThrownBy(() -> new ClockPolicy(Duration.ofSeconds(1), Duration.ofMinutes(5), Duration.ofMinutes(5)))
                .isInstanceOf(ClockConfigurationException.class).hasMessageContaining("max-age")
                .hasMessageContaining("poll-interval");
    }

    @Test
    void hostSourceVouchesWithoutMeasuring() {
        MutableClock clock = new MutableClock(java.time.Instant.parse("2030-01-01T00:00:00Z"));
        try (LogCapture log = LogCapture.of(HostClockSource.class)) {
            ClockReading reading = new HostClockSource(clock).read();

            assertThat(reading.synchronised()).isTrue();
            assertThat(reading.offset()).contains(Duration.ZERO);
            assertThat(reading.source()).isEqualTo(HostClockSource.SOURCE);
            assertThat(reading.detail()).contains("trusted by configuration").contains("not measured");
            assertThat(reading.readAt()).isEqualTo(clock.instant());
            assertThat(log.messages(java.util.logging.Level.WARNING)).singleElement()
                    .satisfies(m -> assertThat(m).contains("local development"));
        }
    }
}
