package org.semper.agent.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Durations as people write them: {@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h}, {@code 7d}, or ISO-8601 {@code PT5S}. */
final class DurationConverter implements ITypeConverter<Duration> {
    private static final Pattern SIMPLE = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    @Override
    public Duration convert(String value) {
        String text = value.trim().toLowerCase(Locale.ROOT);
        Matcher simple = SIMPLE.matcher(text);
        try {
            if (simple.matches()) {
                long amount = Long.parseLong(simple.group(1));
                return switch (simple.group(2)) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    case "d" -> Duration.ofDays(amount);
                    default -> Duration.ofHours(amount);
                };
            }
            Duration duration = Duration.parse(value.trim().toUpperCase(Locale.ROOT));
            if (duration.isNegative()) {
                throw new TypeConversionException("'" + value + "' is negative");
            }
            return duration;
        } catch (NumberFormatException | ArithmeticException | DateTimeParseException e) {
            throw new TypeConversionException("'" + value + "' is not a duration such as 500ms, 5s, 2m, 1h, 7d");
        }
    }
}
