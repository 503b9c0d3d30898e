package io.deltachain.cli;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code --timestamp}: the time stamped on new records, for reproducible output. Without it,
 * {@code SOURCE_DATE_EPOCH} (seconds since the epoch, as reproducible-builds.org defines it) when
 * that variable is set, else the system clock.
 */
final class TimestampOption {
    @Option(names = "--timestamp", paramLabel = "INSTANT",
            description = {"Time stamped on new records: ISO-8601 (2024-05-01T12:00:00Z) or @SECONDS since the epoch"
                    + " (default: $SOURCE_DATE_EPOCH when set, else now). The same inputs and timestamp give the same"
                    + " bytes."})
    String timestamp;

    /** @return the clock for new records */
    Clock clock() {
        return clock(timestamp, System.getenv());
    }

    /**
     * @param option the {@code --timestamp} value, or null
     * @param env the environment, where {@code SOURCE_DATE_EPOCH} may be set
     * @return a fixed clock when either asks for one, else the system clock
     * @throws UsageException when either is not a time
     */
    static Clock clock(String option, Map<String, String> env) {
        if (option != null) {
            return Clock.fixed(parse(option), ZoneOffset.UTC);
        }
        String epoch = env.get("SOURCE_DATE_EPOCH");
        if (epoch == null || epoch.isEmpty()) {
            return Clock.systemUTC();
        }
        try {
            long seconds = Long.parseLong(epoch);
            if (seconds < 0) {
                throw new NumberFormatException();
            }
            return Clock.fixed(Instant.ofEpochSecond(seconds), ZoneOffset.UTC);
        } catch (NumberFormatException | java.time.DateTimeException e) {
            throw new UsageException("SOURCE_DATE_EPOCH must be a number of seconds since 1970-01-01T00:00:00Z, not '"
                    + epoch + "'");
        }
    }

    private static Instant parse(String text) {
        return parse(text, "--timestamp");
    }

    /**
     * @param text ISO-8601 (2024-05-01T12:00:00Z, or with an offset) or {@code @SECONDS} since the epoch
     * @param option the option it was given to, for the message
     * @return the instant
     * @throws UsageException when it is not a time
     */
    static Instant parse(String text, String option) {
        try {
            if (text.startsWith("@")) {
                return Instant.ofEpochSecond(Long.parseLong(text.substring(1)));
            }
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                return OffsetDateTime.parse(text).toInstant();
            }
        } catch (NumberFormatException | java.time.DateTimeException e) {
            throw new UsageException(option + " '" + text + "' is not a time; use ISO-8601 (2024-05-01T12:00:00Z)"
                    + " or @SECONDS since the epoch");
        }
    }
}
