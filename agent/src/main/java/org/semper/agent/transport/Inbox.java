package org.semper.agent.transport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * An agent's incoming envelopes, as files: {@code <inbox>/<deal>/<kind>.<sequence>.json}, written whole (temporary
 * file, then rename) by whoever delivers them (this agent's HTTP endpoint, or another agent's file transport), and
 * moved to {@code <deal>/done/} once taken. Several processes may share one inbox: a file is taken by the one that
 * moves it first.
 */
public final class Inbox {
    private static final Duration POLL = Duration.ofMillis(40);
    private static final AtomicLong SEQUENCE = new AtomicLong();

    private final Path root;

    public Inbox(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /** Stores an envelope for its deal. */
    public void deliver(Envelope envelope) throws IOException {
        Path deal = root.resolve(envelope.deal());
        Files.createDirectories(deal);
        Path temporary = root.resolve(".incoming");
        Files.createDirectories(temporary);
        String name = envelope.kind() + "." + String.format("%020d", System.currentTimeMillis() * 1000
                + SEQUENCE.incrementAndGet() % 1000) + "." + UUID.randomUUID() + ".json";
        Path part = temporary.resolve(name);
        Files.write(part, envelope.toJson());
        try {
            Files.move(part, deal.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(part, deal.resolve(name));
        }
    }

    /**
     * Takes the oldest envelope of {@code kind} for {@code deal}, waiting up to {@code timeout}, or until
     * {@code stop} says so.
     */
    public Optional<Envelope> await(String deal, String kind, Duration timeout, BooleanSupplier stop)
            throws InterruptedException {
        Instant end = Instant.now().plus(timeout);
        while (true) {
            Optional<Envelope> taken = take(deal, kind);
            if (taken.isPresent() || !Instant.now().isBefore(end) || stop.getAsBoolean()) {
                return taken;
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    /** Takes the oldest envelope of {@code kind} for {@code deal}, if there is one; unreadable files are set aside. */
    public Optional<Envelope> take(String deal, String kind) {
        for (Path file : files(deal, kind)) {
            Path done = file.resolveSibling("done").resolve(file.getFileName());
            try {
                Files.createDirectories(done.getParent());
                Files.move(file, done, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                continue;   // another process took it
            }
            try {
                return Optional.of(Envelope.parse(Files.readAllBytes(done)));
            } catch (MalformedEnvelopeException | IOException e) {
                quarantine(done);
            }
        }
        return Optional.empty();
    }

    /** The oldest envelope of {@code kind} for {@code deal}, left where it is. */
    public Optional<Envelope> peek(String deal, String kind) {
        for (Path file : files(deal, kind)) {
            try {
                return Optional.of(Envelope.parse(Files.readAllBytes(file)));
            } catch (MalformedEnvelopeException | IOException e) {
                // skip it: take() sets it aside
            }
        }
        return Optional.empty();
    }

    /** The deals with envelopes waiting, with the kinds waiting. */
    public List<String> deals() {
        List<String> deals = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return deals;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (Files.isDirectory(entry) && !name.startsWith(".")) {
                    deals.add(name);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        deals.sort(null);
        return deals;
    }

    private List<Path> files(String deal, String kind) {
        Path directory = root.resolve(deal);
        List<Path> files = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return files;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, kind + ".*.json")) {
            entries.forEach(files::add);
        } catch (IOException e) {
            return files;
        }
        files.sort(null);
        return files;
    }

    private void quarantine(Path file) {
        try {
            Path bad = root.resolve(".malformed");
            Files.createDirectories(bad);
            Files.move(file, bad.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            // left in done/: harmless
        }
    }
}
