package org.semper.tsa.clock;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;

import java.util.List;

/**
 * Produces the {@link ClockSource} chosen by {@code semper.tsa.clock.source}. The bean is a {@link DefaultBean}:
 * any other {@code ClockSource} bean, e.g. a test's {@code @Alternative @Priority(1)} one, replaces it.
 */
@Dependent
public class ClockSourceProducer {

    @Produces
    @ApplicationScoped
    @DefaultBean
    ClockSource clockSource(ClockConfig config) {
        return create(config);
    }

    /**
     * The configured source.
     *
     * @throws ClockConfigurationException if the configuration is unusable, e.g. source NTP without servers
     */
    public static ClockSource create(ClockConfig config) {
        switch (config.source()) {
            case NTP: {
                List<String> servers = config.ntpServers().orElse(List.of()).stream()
                        .filter(server -> !server.isBlank()).toList();
                if (servers.isEmpty()) {
                    throw new ClockConfigurationException("semper.tsa.clock.source is ntp but no NTP server is "
                            + "configured: set semper.tsa.clock.ntp-servers (host or host:port, comma-separated), "
                            + "or choose semper.tsa.clock.source=os|host");
                }
                return new NtpClockSource(servers, config.timeout());
            }
            case OS:
                return new OsClockSource(config.timeout());
            case HOST:
                return new HostClockSource();
            default:
                throw new ClockConfigurationException("unknown semper.tsa.clock.source " + config.source());
        }
    }
}
