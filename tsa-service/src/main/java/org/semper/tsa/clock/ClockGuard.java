package org.semper.tsa.clock;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Decides whether the time-stamp authority may issue: it trusts the clock only while the latest
 * {@link ClockReading} is synchronised, its |offset| is at most {@link ClockPolicy#maxOffset()} (the stated
 * accuracy), and it is no older than {@link ClockPolicy#maxAge()}. A source that vouches for synchronisation
 * without measuring an offset (the operating system's flag) is trusted on its word.
 *
 * <p>The first reading is made synchronously at startup, so the service never issues before it knows its clock;
 * then a thread owned by the guard reads again every {@link ClockPolicy#pollInterval()}. Until the first reading,
 * and whenever refreshing stalls for longer than the maximum age, the clock is not trusted.
 *
 * <p>Every change between trusted and untrusted is logged (WARN when trust is lost, INFO when regained). The gauges
 * {@value #TRUSTED_GAUGE} (1 or 0) and {@value #OFFSET_GAUGE} (NaN when unknown) expose the state.
 *
 * <p><b>Issuing.</b> Call {@link #requireTrusted()} right before taking {@code genTime} from the system clock and
 * claim an accuracy no finer than {@link #maxOffset()}; on {@link UntrustedClockException} reject the request with
 * {@code timeNotAvailable}.
 *
 * <p><b>Replacing the source.</b> The {@link ClockSource} is a {@link io.quarkus.arc.DefaultBean} produced by
 * {@link ClockSourceProducer} from {@code semper.tsa.clock.source}. A test replaces it by declaring its own
 * {@code ClockSource} bean, e.g. {@code @Alternative @Priority(1) @ApplicationScoped class FakeClock implements
 * ClockSource}, or one enabled by a Quarkus test profile. Without CDI, use the public constructor.
 */
@ApplicationScoped
public class ClockGuard {

    /** Gauge: 1 while time-stamps may be issued, 0 otherwise. */
    public static final String TRUSTED_GAUGE = "semper.tsa.clock.trusted";

    /** Gauge: latest measured offset in seconds (reference minus local), NaN when unknown. */
    public static final String OFFSET_GAUGE = "semper.tsa.clock.offset.seconds";

    /** Source name of the placeholder reading held before the first reading. */
    static final String NO_SOURCE = "none";

    private static final Logger LOG = Logger.getLogger(ClockGuard.class);

    private final ClockSource source;
    private final ClockPolicy policy;
    private final Clock clock;
    private final Object refreshLock = new Object();
    private final Object lifecycleLock = new Object();
    private final AtomicReference<Boolean> lastJudgement = new AtomicReference<>();
    private final ClockReading placeholder;
    private volatile ClockReading reading; // null until the first reading
    private ScheduledExecutorService scheduler;

    @Inject
    ClockGuard(ClockSource source, ClockConfig config, MeterRegistry registry) {
        this(source, ClockPolicy.from(config), registry, Clock.systemUTC());
    }

    /**
     * A guard that is not yet started: call {@link #start()} (CDI does so at startup) or {@link #refreshNow()}.
     *
     * @param source   where readings come from
     * @param policy   limits the readings must meet
     * @param registry where the gauges are registered
     * @param clock    the local clock, used for the age of readings
     */
    public ClockGuard(ClockSource source, ClockPolicy policy, MeterRegistry registry, Clock clock) {
        this.source = Objects.requireNonNull(source, "source");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.placeholder = ClockReading.unsynchronised(NO_SOURCE, ClockDistrust.NO_READING.describe(),
                clock.instant());
        Gauge.builder(TRUSTED_GAUGE, this, guard -> guard.trusted() ? 1.0 : 0.0)
                .description("1 while the time-stamp authority trusts its clock and issues, 0 while it refuses")
                .register(registry);
        Gauge.builder(OFFSET_GAUGE, this, guard -> guard.lastReading().offset().map(Seconds::toDouble)
                        .orElse(Double.NaN))
                .description("Latest measured offset of the local clock (reference minus local), NaN when unknown")
                .baseUnit("seconds")
                .register(registry);
    }

    void onStart(@Observes StartupEvent event) {
        start();
    }

    /** Makes the first reading synchronously, then schedules the periodic ones. Idempotent. */
    public void start() {
        synchronized (lifecycleLock) {
            if (scheduler != null) {
                return;
            }
            refreshNow();
            scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "semper-tsa-clock-guard");
                thread.setDaemon(true);
                return thread;
            });
            long period = policy.pollInterval().toNanos();
            scheduler.scheduleWithFixedDelay(this::scheduledRefresh, period, period, TimeUnit.NANOSECONDS);
            LOG.infof("Clock guard started with %s: max offset %s, poll interval %s, max age %s", source,
                    Seconds.of(policy.maxOffset()), Seconds.of(policy.pollInterval()), Seconds.of(policy.maxAge()));
        }
    }

    /** Stops the periodic readings. Idempotent. */
    @PreDestroy
    public void stop() {
        synchronized (lifecycleLock) {
            if (scheduler != null) {
                scheduler.shutdownNow();
                scheduler = null;
            }
        }
    }

    /** Reads the source now and judges the new reading. Never throws because of the source. */
    public void refreshNow() {
        synchronized (refreshLock) {
            ClockReading fresh;
            try {
                fresh = Objects.requireNonNull(source.read(), "the clock source returned no reading");
            } catch (RuntimeException e) {
                fresh = ClockReading.unsynchronised(String.valueOf(source), "clock source failed: " + e,
                        clock.instant());
            }
            reading = fresh;
            LOG.debugf("Clock reading from %s: synchronised=%s, offset=%s, %s", fresh.source(),
                    fresh.synchronised(), fresh.offset().map(Seconds::of).orElse("unknown"), fresh.detail());
        }
        status();
    }

    private void scheduledRefresh() {
        try {
            refreshNow();
        } catch (Throwable e) { // keep the schedule alive; a stalled guard fails closed through max-age anyway
            LOG.error("Clock refresh failed", e);
        }
    }

    /** The current judgement, consistent in itself. */
    public ClockStatus status() {
        ClockStatus status = judge(reading, clock.instant());
        noteTransition(status);
        return status;
    }

    /** Whether time-stamps may be issued now. */
    public boolean trusted() {
        return status().trusted();
    }

    /**
     * Throws unless time-stamps may be issued now.
     *
     * @return the trusted status, for the record
     * @throws UntrustedClockException with the reason, when the clock is not trusted
     */
    public ClockStatus requireTrusted() {
        ClockStatus status = status();
        if (!status.trusted()) {
            throw new UntrustedClockException(status);
        }
        return status;
    }

    /** The latest reading (a placeholder unsynchronised one before the first). */
    public ClockReading lastReading() {
        ClockReading latest = reading;
        return latest != null ? latest : placeholder;
    }

    /** Why the clock is not trusted now, e.g. {@code offset 5.012 s exceeds the allowed 1.000 s against ...}. */
    public Optional<String> distrustReason() {
        return status().reason();
    }

    /** The stated accuracy: the issuer must not claim a finer one. */
    public Duration maxOffset() {
        return policy.maxOffset();
    }

    /** The limits this guard applies. */
    public ClockPolicy policy() {
        return policy;
    }

    private ClockStatus judge(ClockReading reading, Instant now) {
        Duration max = policy.maxOffset();
        if (reading == null) {
            return ClockStatus.distrusted(placeholder, max, ClockDistrust.NO_READING,
                    ClockDistrust.NO_READING.describe());
        }
        if (!reading.synchronised()) {
            return ClockStatus.distrusted(reading, max, ClockDistrust.NOT_SYNCHRONISED,
                    ClockDistrust.NOT_SYNCHRONISED.describe(reading.source(), reading.detail()));
        }
        if (reading.offset().isPresent() && reading.offset().get().abs().compareTo(max) > 0) {
            return ClockStatus.distrusted(reading, max, ClockDistrust.OFFSET_EXCEEDED,
                    ClockDistrust.OFFSET_EXCEEDED.describe(Seconds.of(reading.offset().get()), Seconds.of(max),
                            reading.source()));
        }
        Duration age = Duration.between(reading.readAt(), now);
        if (age.compareTo(policy.maxAge()) > 0) {
            return ClockStatus.distrusted(reading, max, ClockDistrust.READING_STALE,
                    ClockDistrust.READING_STALE.describe(reading.source(), Seconds.of(age),
                            Seconds.of(policy.maxAge())));
        }
        return ClockStatus.trusted(reading, max);
    }

    private void noteTransition(ClockStatus status) {
        if (status.distrust().filter(ClockDistrust.NO_READING::equals).isPresent()) {
            return; // nothing is known yet; the first real judgement is logged
        }
        Boolean now = status.trusted();
        Boolean before = lastJudgement.getAndSet(now);
        if (now.equals(before)) {
            return;
        }
        if (now) {
            LOG.infof("Clock trusted%s: %s (offset %s, allowed %s); issuing time-stamps",
                    before == null ? "" : " again", status.reading().source(),
                    status.reading().offset().map(Seconds::of).orElse("not measured"),
                    Seconds.of(policy.maxOffset()));
        } else {
            LOG.warnf("Clock NOT trusted; refusing to issue time-stamps: %s", status.reason().orElseThrow());
        }
    }
}
