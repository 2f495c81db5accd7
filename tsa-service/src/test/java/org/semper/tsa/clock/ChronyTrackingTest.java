package org.semper.tsa.clock;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChronyTrackingTest {

    /** {@code chronyc -c tracking} of a chrony whose system clock is 1.2345 ms slow (behind). */
    static final String SYNCHRONISED_SLOW = "A29FC87B,ntp1.example.net,3,1767225600.123456789,0.001234500,"
            + "-0.000012345,0.000023456,-12.345,0.001,0.050,0.012345678,0.001234567,1025.3,Normal\n";

    static final String NOT_SYNCHRONISED = "00000000,,0,0.000000000,0.000000000,0.000000000,0.000000000,"
            + "0.000,0.000,0.000,1.000000000,1.000000000,0.0,Not synchronised\n";

    @Test
    void readsASynchronisedLine() {
        ChronyTracking tracking = ChronyTracking.parse(SYNCHRONISED_SLOW);

        assertThat(tracking.synchronised()).isTrue();
        assertThat(tracking.referenceId()).isEqualTo("A29FC87B");
        assertThat(tracking.referenceName()).isEqualTo("ntp1.example.net");
        assertThat(tracking.stratum()).isEqualTo(3);
        assertThat(tracking.systemTimeOffset()).as("slow clock: positive, reference minus local")
                .isEqualTo(Duration.ofNanos(1_234_500));
        assertThat(tracking.rootDelay()).isEqualTo(Duration.ofNanos(12_345_678));
        assertThat(tracking.rootDispersion()).isEqualTo(Duration.ofNanos(1_234_567));
        assertThat(tracking.leapStatus()).isEqualTo("Normal");
    }

    @Test
    void readsAFastClockAsANegativeOffset() {
        ChronyTracking tracking = ChronyTracking.parse(SYNCHRONISED_SLOW.replace(",0.001234500,", ",-2.500000000,"));

        assertThat(tracking.systemTimeOffset()).isEqualTo(Duration.ofMillis(-2500));
    }

    @Test
    void readsANotSynchronisedLine() {
        ChronyTracking tracking = ChronyTracking.parse(NOT_SYNCHRONISED);

        assertThat(tracking.synchronised()).isFalse();
        assertThat(tracking.leapStatus()).isEqualTo(ChronyTracking.NOT_SYNCHRONISED);
    }

    @Test
    void rejectsWhatIsNotATrackingLine() {
        assertThatThrownBy(() -> ChronyTracking.parse("506 Cannot talk to daemon\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("14");
        assertThatThrownBy(() -> ChronyTracking.parse(SYNCHRONISED_SLOW.replace("0.001234500", "soon")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unreadable number");
        assertThatThrownBy(() -> ChronyTracking.parse("\n  \n")).isInstanceOf(IllegalArgumentException.class);
    }
}
