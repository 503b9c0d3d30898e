package io.deltachain.cli;

import io.deltachain.cli.internal.CliIo;
import io.deltachain.cli.internal.DiffColors;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * {@code --color[=WHEN]} of the commands that print diffs: {@code auto} (the default) colours only
 * what goes to standard output on a terminal, never a file or a pipe, and not when {@code NO_COLOR}
 * is set or {@code TERM} is {@code dumb}; {@code always} colours wherever the output goes (e.g. for
 * {@code less -R}); {@code never} does not.
 */
final class ColorOption {
    @Option(names = "--color", paramLabel = "WHEN", arity = "0..1", defaultValue = "auto", fallbackValue = "always",
            description = "Colour the diff: auto (only on a terminal, never into a file or a pipe), always, never"
                    + " (default: ${DEFAULT-VALUE}; --color alone means always).")
    String when;

    /**
     * @param output the {@code -o} value, {@code -} or null (standard output)
     * @return whether to colour what is written there
     * @throws UsageException when WHEN is not one of the three
     */
    boolean enabled(String output) {
        switch (when.toLowerCase(Locale.ROOT)) {
            case "always":
                return true;
            case "never":
                return false;
            case "auto":
                return (output == null || output.equals("-")) && CliIo.stdoutIsTerminal() && !noColor();
            default:
                throw new UsageException("--color takes auto, always or never, not '" + when + "'");
        }
    }

    /** Checks WHEN before any work. */
    void check() {
        enabled(null);
    }

    /**
     * @param output the {@code -o} value, {@code -} or null
     * @param diff what is about to be written
     * @return it coloured when {@link #enabled} says so, else as it is
     */
    byte[] apply(String output, byte[] diff) {
        return enabled(output) ? DiffColors.colour(diff) : diff;
    }

    private static boolean noColor() {
        String noColor = System.getenv("NO_COLOR");
        return (noColor != null && !noColor.isEmpty()) || "dumb".equals(System.getenv("TERM"));
    }
}
