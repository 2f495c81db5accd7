package org.semper.tsa.clock;

import org.junit.jupiter.api.Test;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NtpClockSourceTest {

    private static final Duration TIMEOUT = Duration.ofMillis(500);
    private static final Duration TOLERANCE = Duration.ofMillis(200);

    @Test
    void measuresAServerFiveSecondsAhead() throws Exception {
        try (SntpTestServer server = SntpTestServer.shiftedBy(Duration.ofSeconds(5))) {
            ClockReading reading = new NtpClockSource(List.of(server.address()), TIMEOUT).read();

            assertThat(reading.synchronised()).as(reading.detail()).isTrue();
            assertThat(reading.offset()).hasValueSatisfying(offset -> assertClose(offset, Duration.ofSeconds(5)));
            assertThat(reading.source()).isEqualTo("ntp:" + server.address());
            assertThat(server.requests()).isEqualTo(1);
        }
    }

    @Test
    void measuresAServerBehindWithANegativeOffset() throws Exception {
        try (SntpTestServer server = SntpTestServer.shiftedBy(Duration.ofSeconds(-3))) {
            ClockReading reading = new NtpClockSource(List.of(server.address()), TIMEOUT).read();

            assertThat(reading.offset()).hasValueSatisfying(offset -> assertClose(offset, Duration.ofSeconds(-3)));
        }
    }

    @Test
    void measuresNoOffsetAgainstAnAgreeingServer() throws Exception {
        try (SntpTestServer server = SntpTestServer.shiftedBy(Duration.ZERO)) {
            ClockReading reading = new NtpClockSource(List.of(server.address()), TIMEOUT).read();

            assertThat(reading.synchronised()).as(reading.detail()).isTrue();
            assertThat(reading.offset()).hasValueSatisfying(offset -> assertClose(offset, Duration.ZERO));
        }
    }

    @Test
    void isUnsynchronisedWithinTheTimeoutWhenNoServerListens() throws Exception {
        String nobody = unusedLoopbackPort();
        NtpClockSource source = new NtpClockSource(List.of(nobody), TIMEOUT);

        long started = System.nanoTime();
        ClockReading reading = source.read();
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

        assertThat(reading.synchronised()).isFalse();
        assertThat(reading.offset()).isEmpty();
        assertThat(reading.detail()).contains(nobody);
        assertThat(elapsed).isLessThan(TIMEOUT.plusSeconds(1));
    }

    @Test
    void isUnsynchronisedWithinTheTimeoutWhenTheServerIsSilent() throws Exception {
        try (SntpTestServer server = SntpTestServer.behaving(SntpTestServer.Behaviour.SILENT)) {
            NtpClockSource source = new NtpClockSource(List.of(server.address()), TIMEOUT);

            long started = System.nanoTime();
            ClockReading reading = source.read();
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

            assertThat(reading.synchronised()).isFalse();
            assertThat(reading.detail()).contains(server.address()).contains("no answer within 0.500 s");
            assertThat(server.requests()).isEqualTo(1);
            assertThat(elapsed).isGreaterThanOrEqualTo(TIMEOUT.minusMillis(50)).isLessThan(TIMEOUT.plusSeconds(1));
        }
    }

    @Test
    void takesTheMedianOfSeveralServers() throws Exception {
        try (SntpTestServer one = SntpTestServer.shiftedBy(Duration.ofSeconds(1));
             SntpTestServer two = SntpTestServer.shiftedBy(Duration.ofSeconds(2));
             SntpTestServer wild = SntpTestServer.shiftedBy(Duration.ofSeconds(30))) {
            ClockReading reading = new NtpClockSource(List.of(wild.address(), one.address(), two.address()), TIMEOUT)
                    .read();

            assertThat(reading.synchronised()).as(reading.detail()).isTrue();
            assertThat(reading.offset()).hasValueSatisfying(offset -> assertClose(offset, Duration.ofSeconds(2)));
            assertThat(reading.source()).isEqualTo("ntp:" + wild.address() + "," + one.address() + ","
                    + two.address());
            assertThat(reading.detail()).contains("3 answer(s) from 3 NTP server(s)");
        }
    }

    @Test
    void takesTheMedianOfTheServersThatAnswerQueryingThemInParallel() throws Exception {
        try (SntpTestServer one = SntpTestServer.shiftedBy(Duration.ofSeconds(1));
             SntpTestServer two = SntpTestServer.shiftedBy(Duration.ofSeconds(2));
             SntpTestServer silent = SntpTestServer.behaving(SntpTestServer.Behaviour.SILENT);
             SntpTestServer alsoSilent = SntpTestServer.behaving(SntpTestServer.Behaviour.SILENT)) {
            NtpClockSource source = new NtpClockSource(
                    List.of(one.address(), silent.address(), two.address(), alsoSilent.address()), TIMEOUT);

            long started = System.nanoTime();
            ClockReading reading = source.read();
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

            assertThat(reading.synchronised()).as(reading.detail()).isTrue();
            assertThat(reading.offset()).hasValueSatisfying(offset -> assertClose(offset, Duration.ofMillis(1500)));
            assertThat(reading.detail()).contains("2 answer(s) from 4 NTP server(s)").contains(silent.address());
            assertThat(elapsed).as("two silent servers cost one timeout, not two").isLessThan(TIMEOUT.multipliedBy(2));
        }
    }

    @Test
    void ignoresAServerThatIsNotSynchronisedItself() throws Exception {
        try (SntpTestServer server = SntpTestServer.behaving(SntpTestServer.Behaviour.UNSYNCHRONISED)) {
            ClockReading reading = new NtpClockSource(List.of(server.address()), TIMEOUT).read();

            assertThat(reading.synchronised()).isFalse();
            assertThat(reading.detail()).contains("leap indicator 3");
        }
    }

    @Test
    void ignoresAnAnswerThatDoesNotEchoTheQuery() throws Exception {
        try (SntpTestServer server = SntpTestServer.behaving(SntpTestServer.Behaviour.FOREIGN_ORIGINATE)) {
            ClockReading reading = new NtpClockSource(List.of(server.address()), TIMEOUT).read();

            assertThat(reading.synchronised()).isFalse();
            assertThat(reading.detail()).contains("Originate time does not match");
        }
    }

    @Test
    void reportsAnUnknownHostAsUnsynchronised() {
        ClockReading reading = new NtpClockSource(List.of("no-such-host.invalid"), TIMEOUT).read();

        assertThat(reading.synchronised()).isFalse();
        assertThat(reading.detail()).contains("no-such-host.invalid:123");
    }

    @Test
    void refusesToBeBuiltWithoutServers() {
        assertThatThrownBy(() -> new NtpClockSource(List.of(), TIMEOUT))
                .isInstanceOf(ClockConfigurationException.class)
                .hasMessageContaining("semper.tsa.clock.ntp-servers");
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertThat(NtpClockSource.median(List.of(Duration.ofSeconds(4), Duration.ofSeconds(-1),
                Duration.ofSeconds(100), Duration.ofSeconds(2)))).isEqualTo(Duration.ofSeconds(3));
        assertThat(NtpClockSource.median(List.of(Duration.ofMillis(7)))).isEqualTo(Duration.ofMillis(7));
    }

    private static void assertClose(Duration actual, Duration expected) {
        assertThat(actual.minus(expected).abs()).as("offset %s, expected %s", actual, expected)
                .isLessThanOrEqualTo(TOLERANCE);
    }

    private static String unusedLoopbackPort() throws Exception {
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            return "127.0.0.1:" + probe.getLocalPort();
        }
    }
}
