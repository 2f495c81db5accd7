package org.semper.deploy.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** A JDK installed on this machine, found by its {@code release} file. */
record Jdk(Path home, int feature) {

    private static final Pattern VERSION = Pattern.compile("^JAVA_VERSION=\"(\\d+)", Pattern.MULTILINE);

    /**
     * The newest JDK of at least {@code minimum} under {@code /usr/lib/jvm} (Temurin preferred at equal version), or
     * {@code SEMPER_KEYCLOAK_JAVA_HOME}; fails, naming what it found, when there is none.
     */
    static Jdk atLeast(int minimum) {
        String configured = System.getenv("SEMPER_KEYCLOAK_JAVA_HOME");
        if (configured != null && !configured.isBlank()) {
            Jdk jdk = of(Path.of(configured)).orElseThrow(() -> new AssertionError(
                    "SEMPER_KEYCLOAK_JAVA_HOME=" + configured + " is not a JDK (no release file with JAVA_VERSION)"));
            if (jdk.feature() < minimum) {
                throw new AssertionError("SEMPER_KEYCLOAK_JAVA_HOME=" + configured + " is Java " + jdk.feature()
                        + "; Keycloak needs Java " + minimum + "+");
            }
            return jdk;
        }
        Path root = Path.of("/usr/lib/jvm");
        List<Jdk> found;
        try (Stream<Path> dirs = Files.isDirectory(root) ? Files.list(root) : Stream.empty()) {
            found = dirs.filter(Files::isDirectory).filter(d -> !Files.isSymbolicLink(d)).map(Jdk::of).flatMap(Optional::stream)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found.stream().filter(j -> j.feature() >= minimum && Files.isExecutable(j.home().resolve("bin/java")))
                .max(Comparator.comparingInt(Jdk::feature)
                        .thenComparing(j -> j.home().getFileName().toString().contains("temurin")))
                .orElseThrow(() -> new AssertionError("Keycloak needs a JDK " + minimum + "+, and there is none under " + root
                        + " (found: " + found + "). Install Temurin " + minimum + "+ there, or set SEMPER_KEYCLOAK_JAVA_HOME."));
    }

    private static Optional<Jdk> of(Path home) {
        Path release = home.resolve("release");
        if (!Files.isRegularFile(release)) {
            return Optional.empty();
        }
        try {
            Matcher m = VERSION.matcher(Files.readString(release));
            return m.find() ? Optional.of(new Jdk(home, Integer.parseInt(m.group(1)))) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
