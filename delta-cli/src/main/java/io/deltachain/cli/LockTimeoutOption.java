package io.deltachain.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/**
 * {@code --lock-timeout}: how long a chain command that writes waits while another writer (another
 * {@code delta} process, or a program using the library) holds the chain's lock. Past it the command
 * fails with exit code 1, and the message names the chain's directory and the holder's pid.
 */
final class LockTimeoutOption {
    /** What {@code --lock-timeout} is without the option: the library's own default. */
    static final String DEFAULT = "30s";
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m)?");

    @Option(names = "--lock-timeout", paramLabel = "DURATION", defaultValue = DEFAULT,
            description = {"How long to wait while another writer holds the chain's lock: 500ms, 30s, 2m (a number"
                    + " alone is seconds; 0 gives up at once; default: ${DEFAULT-VALUE}). Waiting longer fails with"
                    + " exit code 1, naming the process that holds the lock."})
    String lockTimeout;

    /** @return the wait {@code --lock-timeout} asks for */
    Duration timeout() {
        return parse(lockTimeout);
    }

    /**
     * @param text {@code 500ms}, {@code 30s}, {@code 2m} or a number of seconds
     * @return the duration
     * @throws UsageException when {@code text} is none of those
     */
    static Duration parse(String text) {
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            throw new UsageException("--lock-timeout '" + text + "' is not a duration; use e.g. 500ms, 30s or 2m");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofSeconds(n);
        };
    }
}
