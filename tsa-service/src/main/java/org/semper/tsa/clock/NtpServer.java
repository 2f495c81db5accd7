package org.semper.tsa.clock;

import java.util.Objects;

/**
 * One NTP server to query.
 *
 * @param host name or address (IPv6 without brackets)
 * @param port UDP port, 123 unless configured
 */
public record NtpServer(String host, int port) {

    /** The standard NTP port. */
    public static final int DEFAULT_PORT = 123;

    public NtpServer {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new ClockConfigurationException("NTP server host must not be blank");
        }
        if (port < 1 || port > 65535) {
            throw new ClockConfigurationException("NTP server port must be between 1 and 65535, was " + port);
        }
    }

    /**
     * Parses {@code host}, {@code host:port}, {@code ipv6-address}, or {@code [ipv6-address]:port}.
     *
     * @throws ClockConfigurationException if the text is not a server specification
     */
    public static NtpServer parse(String text) {
        Objects.requireNonNull(text, "text");
        String spec = text.strip();
        if (spec.isEmpty()) {
            throw new ClockConfigurationException("empty NTP server in semper.tsa.clock.ntp-servers");
        }
        if (spec.startsWith("[")) {
            int close = spec.indexOf(']');
            if (close < 0) {
                throw invalid(text, "missing ']'");
            }
            String host = spec.substring(1, close);
            String rest = spec.substring(close + 1);
            if (rest.isEmpty()) {
                return new NtpServer(host, DEFAULT_PORT);
            }
            if (!rest.startsWith(":")) {
                throw invalid(text, "expected ':port' after ']'");
            }
            return new NtpServer(host, port(text, rest.substring(1)));
        }
        int colon = spec.indexOf(':');
        if (colon < 0) {
            return new NtpServer(spec, DEFAULT_PORT);
        }
        if (spec.indexOf(':', colon + 1) >= 0) {
            return new NtpServer(spec, DEFAULT_PORT); // a bare IPv6 address
        }
        return new NtpServer(spec.substring(0, colon), port(text, spec.substring(colon + 1)));
    }

    private static int port(String text, String port) {
        try {
            return Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw invalid(text, "port '" + port + "' is not a number");
        }
    }

    private static ClockConfigurationException invalid(String text, String problem) {
        return new ClockConfigurationException("invalid NTP server '" + text + "' in semper.tsa.clock.ntp-servers: "
                + problem);
    }

    /** {@code host:port}, with IPv6 addresses in brackets. */
    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
