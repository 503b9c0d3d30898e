package io.deltachain.cli;

import io.deltachain.cli.internal.CliIo;
import io.deltachain.cli.internal.DiffColors;
import picocli.CommandLine.Option;

/**
 * {@code --color=WHEN} of the commands that print diffs: {@code auto} (the default) colours only
 * what goes to standard output on a terminal, never a file or a pipe, and not when {@code NO_COLOR}
 * is set or {@code TERM} is {@code dumb}; {@code always} colours wherever the output goes (e.g. for
 * {@code less -R}); {@code never} does not.
 */
final class ColorOption {
    /** The values of WHEN, lower-case as typed. */
    enum When {
        auto, always, never
    }

    // WHEN is required: with an optional value picocli would take "--color OLD NEW"'s OLD for WHEN.
    @Option(names = "--color", paramLabel = "WHEN", defaultValue = "auto",
            description = "Colour the diff: auto (only on a terminal, never into a file or a pipe), always, never"
                    + " (default: ${DEFAULT-VALUE}).")
    When when;

    /**
     * @param output the {@code -o} value, {@code -} or null (standard output)
     * @return whether to colour what is written there
     */
    boolean enabled(String output) {
        return switch (when) {
            case always -> true;
            case never -> false;
            case auto -> (output == null || output.equals("-")) && CliIo.stdoutIsTerminal() && !noColor();
        };
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
