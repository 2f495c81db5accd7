package org.semper.tsa.clock;

import org.apache.commons.net.ntp.NTPUDPClient;
import org.apache.commons.net.ntp.NtpV3Packet;
import org.apache.commons.net.ntp.TimeInfo;
import org.apache.commons.net.ntp.TimeStamp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Measures the system clock's offset against NTP servers with SNTP (commons-net {@link NTPUDPClient}).
 *
 * <p>All servers are queried in parallel, each with the configured timeout. An answer counts only if it is a
 * server-mode reply from a synchronised server (leap indicator not 3, stratum 1–15) that echoes this query's
 * transmit time (checked by {@link NTPUDPClient} itself). The reading's offset is the median of the counted answers; with no counted answer the reading is
 * unsynchronised.
 */
public final class NtpClockSource implements ClockSource {

    /** Prefix of {@link ClockReading#source()} for this source. */
    public static final String SOURCE_PREFIX = "ntp:";

    /** Extra time granted to the whole round beyond one query timeout, for name resolution and thread start. */
    private static final Duration ROUND_SLACK = Duration.ofSeconds(1);

    private static final AtomicInteger THREADS = new AtomicInteger();

    private final List<NtpServer> servers;
    private final Duration timeout;
    private final Clock clock;
    private final String sourceName;

    /**
     * @param servers {@code host} or {@code host:port} specifications, at least one
     * @param timeout how long to wait for each server's answer
     * @throws ClockConfigurationException if no server is given or one is malformed
     */
    public NtpClockSource(List<String> servers, Duration timeout) {
        this(parse(servers), timeout, Clock.systemUTC());
    }

    NtpClockSource(List<NtpServer> servers, Duration timeout, Clock clock) {
        Objects.requireNonNull(servers, "servers");
        if (servers.isEmpty()) {
            throw new ClockConfigurationException("no NTP server configured: set semper.tsa.clock.ntp-servers");
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new ClockConfigurationException("semper.tsa.clock.timeout must be positive, was " + timeout);
        }
        this.servers = List.copyOf(servers);
        this.timeout = timeout;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sourceName = SOURCE_PREFIX + this.servers.stream().map(NtpServer::toString)
                .collect(Collectors.joining(","));
    }

    private static List<NtpServer> parse(List<String> servers) {
        Objects.requireNonNull(servers, "servers");
        return servers.stream().map(NtpServer::parse).toList();
    }

    /** The servers queried, in configuration order. */
    public List<NtpServer> servers() {
        return servers;
    }

    @Override
    public ClockReading read() {
        try {
            return measure();
        } catch (RuntimeException e) {
            return ClockReading.unsynchronised(sourceName, "NTP measurement failed: " + e, clock.instant());
        }
    }

    private ClockReading measure() {
        List<ServerAnswer> answers = queryAll();
        List<ServerAnswer> counted = answers.stream().filter(ServerAnswer::counted).toList();
        String perServer = answers.stream().map(ServerAnswer::toString).collect(Collectors.joining("; "));
        if (counted.isEmpty()) {
            return ClockReading.unsynchronised(sourceName,
                    "no usable answer from " + servers.size() + " NTP server(s): " + perServer, clock.instant());
        }
        Duration median = median(counted.stream().map(ServerAnswer::offset).toList());
        String detail = "median offset " + Seconds.of(median) + " of " + counted.size() + " answer(s) from "
                + servers.size() + " NTP server(s): " + perServer;
        return ClockReading.synchronised(median, sourceName, detail, clock.instant());
    }

    private List<ServerAnswer> queryAll() {
        if (servers.size() == 1) {
            return List.of(query(servers.get(0)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(servers.size(), task -> {
            Thread thread = new Thread(task, "semper-tsa-ntp-" + THREADS.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<ServerAnswer>> futures = new ArrayList<>();
            for (NtpServer server : servers) {
                futures.add(pool.submit(() -> query(server)));
            }
            long deadline = System.nanoTime() + timeout.plus(ROUND_SLACK).toNanos();
            List<ServerAnswer> answers = new ArrayList<>();
            for (int i = 0; i < servers.size(); i++) {
                answers.add(await(futures.get(i), servers.get(i), deadline));
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    private ServerAnswer await(Future<ServerAnswer> future, NtpServer server, long deadline) {
        try {
            return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            return ServerAnswer.failed(server, "interrupted");
        } catch (java.util.concurrent.TimeoutException | CancellationException e) {
            future.cancel(true);
            return ServerAnswer.failed(server, "no answer within " + Seconds.of(timeout.plus(ROUND_SLACK)));
        } catch (ExecutionException e) {
            return ServerAnswer.failed(server, String.valueOf(e.getCause()));
        }
    }

    private ServerAnswer query(NtpServer server) {
        try (NTPUDPClient client = new NTPUDPClient()) {
            client.setDefaultTimeout(timeout);
            client.setVersion(NtpV3Packet.VERSION_4);
            InetAddress address = InetAddress.getByName(server.host());
            client.open();
            TimeInfo info = client.getTime(address, server.port()); // rejects replies not echoing this query
            return judge(server, info);
        } catch (SocketTimeoutException e) {
            return ServerAnswer.failed(server, "no answer within " + Seconds.of(timeout));
        } catch (UnknownHostException e) {
            return ServerAnswer.failed(server, "unknown host");
        } catch (IOException | RuntimeException e) {
            return ServerAnswer.failed(server, e.toString());
        }
    }

    private static ServerAnswer judge(NtpServer server, TimeInfo info) {
        NtpV3Packet message = info.getMessage();
        if (message.getMode() != NtpV3Packet.MODE_SERVER) {
            return ServerAnswer.failed(server, "answer is not in server mode (mode " + message.getMode() + ")");
        }
        if (message.getLeapIndicator() == NtpV3Packet.LI_ALARM_CONDITION) {
            return ServerAnswer.failed(server, "server reports itself unsynchronised (leap indicator 3)");
        }
        int stratum = message.getStratum();
        if (stratum == 0) {
            return ServerAnswer.failed(server, "kiss-o'-death " + message.getReferenceIdString());
        }
        if (stratum > 15) {
            return ServerAnswer.failed(server, "server reports itself unsynchronised (stratum " + stratum + ")");
        }
        TimeStamp transmit = message.getTransmitTimeStamp();
        if (transmit == null || transmit.ntpValue() == 0) {
            return ServerAnswer.failed(server, "answer has no transmit time");
        }
        info.computeDetails();
        Long offset = info.getOffset();
        Long delay = info.getDelay();
        if (offset == null || delay == null) {
            return ServerAnswer.failed(server, "incomplete timestamps: " + info.getComments());
        }
        return ServerAnswer.counted(server, Duration.ofMillis(offset), Duration.ofMillis(delay), stratum);
    }

    static Duration median(List<Duration> offsets) {
        if (offsets.isEmpty()) {
            throw new IllegalArgumentException("no offsets");
        }
        List<Duration> sorted = offsets.stream().sorted(Comparator.naturalOrder()).toList();
        int middle = sorted.size() / 2;
        if (sorted.size() % 2 == 1) {
            return sorted.get(middle);
        }
        return sorted.get(middle - 1).plus(sorted.get(middle)).dividedBy(2);
    }

    @Override
    public String toString() {
        return sourceName;
    }

    /** The outcome of querying one server. Offset, delay and stratum are meaningful only when counted. */
    private record ServerAnswer(NtpServer server, boolean counted, Duration offset, Duration delay, int stratum,
                                String problem) {

        static ServerAnswer counted(NtpServer server, Duration offset, Duration delay, int stratum) {
            return new ServerAnswer(server, true, offset, delay, stratum, null);
        }

        static ServerAnswer failed(NtpServer server, String problem) {
            return new ServerAnswer(server, false, null, null, 0, problem);
        }

        @Override
        public String toString() {
            return counted
                    ? server + " offset " + Seconds.of(offset) + ", round trip " + Seconds.of(delay)
                            + ", stratum " + stratum
                    : server + " " + problem;
        }
    }
}
