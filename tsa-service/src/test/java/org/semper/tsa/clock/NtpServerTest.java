package org.semper.tsa.clock;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NtpServerTest {

    @Test
    void defaultsToPort123() {
        assertThat(NtpServer.parse("pool.ntp.org")).isEqualTo(new NtpServer("pool.ntp.org", 123));
        assertThat(NtpServer.parse(" time.example ")).isEqualTo(new NtpServer("time.example", 123));
    }

    @Test
    void readsHostAndPort() {
        assertThat(NtpServer.parse("127.0.0.1:4123")).isEqualTo(new NtpServer("127.0.0.1", 4123));
        assertThat(NtpServer.parse("127.0.0.1:4123")).hasToString("127.0.0.1:4123");
    }

    @Test
    void readsIpv6WithAndWithoutPort() {
        assertThat(NtpServer.parse("[::1]:4123")).isEqualTo(new NtpServer("::1", 4123));
        assertThat(NtpServer.parse("[2001:db8::1]")).isEqualTo(new NtpServer("2001:db8::1", 123));
        assertThat(NtpServer.parse("2001:db8::1")).isEqualTo(new NtpServer("2001:db8::1", 123));
        assertThat(NtpServer.parse("[::1]:4123")).hasToString("[::1]:4123");
    }

    @Test
    void rejectsMalformedSpecifications() {
        assertThatThrownBy(() -> NtpServer.parse("host:ntp")).isInstanceOf(ClockConfigurationException.class)
                .hasMessageContaining("host:ntp").hasMessageContaining("semper.tsa.clock.ntp-servers");
        assertThatThrownBy(() -> NtpServer.parse("host:0")).isInstanceOf(ClockConfigurationException.class);
        assertThatThrownBy(() -> NtpServer.parse("host:70000")).isInstanceOf(ClockConfigurationException.class);
        assertThatThrownBy(() -> NtpServer.parse(":123")).isInstanceOf(ClockConfigurationException.class);
        assertThatThrownBy(() -> NtpServer.parse("[::1")).isInstanceOf(ClockConfigurationException.class);
        assertThatThrownBy(() -> NtpServer.parse("  ")).isInstanceOf(ClockConfigurationException.class);
    }
}
