package io.deltachain.cli;

import io.deltachain.api.Limits;
import io.deltachain.cli.internal.Sizes;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * Options every command takes, before or after any command name ({@code delta --verbose chain log d},
 * {@code delta chain --verbose log d} and {@code delta chain log --verbose d} are the same): declared
 * once, on the root, and inherited by every subcommand; picocli sets this one object wherever the
 * option is given.
 */
final class CommonOptions {
    /** The name of the mixin on the root command. */
    static final String MIXIN = "common";

    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "On an error, print the stack trace too.")
    boolean verbose;

    @Option(names = "--max-size", paramLabel = "SIZE", scope = ScopeType.INHERIT,
            description = "Largest input file and decoded payload, at most 2G; 2G means 2^31-1 bytes, the largest"
                    + " Java array (default: files 2G, payloads 256M).")
    String maxSize;

    @Option(names = "--max-ratio", paramLabel = "N", scope = ScopeType.INHERIT,
            description = "Most bytes a patch or payload may decode to per byte of itself and of the base it"
                    + " applies to, beyond 1 MiB: the zip-bomb check (default: 32768).")
    Integer maxRatio;

    @Option(names = "--max-json-depth", paramLabel = "N", scope = ScopeType.INHERIT,
            description = "Deepest nesting of JSON arrays and objects in a state or patch (default: 1000).")
    Integer maxJsonDepth;

    @Option(names = "--max-number-length", paramLabel = "N", scope = ScopeType.INHERIT,
            description = "Most characters in one JSON number, as written and in its canonical form (default: 1000).")
    Integer maxNumberLength;

    @Option(names = "--max-number-exponent", paramLabel = "N", scope = ScopeType.INHERIT,
            description = "Largest decimal exponent, in magnitude, of one JSON number (default: 1000000).")
    Integer maxNumberExponent;

    /** Every common option that takes a value, for finding the command name among the arguments. */
    static final java.util.List<String> VALUED = java.util.List.of("--max-size", "--max-ratio", "--max-json-depth",
            "--max-number-length", "--max-number-exponent");

    /**
     * @param spec any command of the tree
     * @return the options given anywhere on the command line
     */
    static CommonOptions of(CommandSpec spec) {
        return (CommonOptions) spec.root().mixins().get(MIXIN).userObject();
    }

    /**
     * @param spec any command of the tree
     * @return the limits {@code --max-size}, {@code --max-ratio}, {@code --max-json-depth},
     *     {@code --max-number-length} and {@code --max-number-exponent} ask for
     */
    static Limits limits(CommandSpec spec) {
        return of(spec).limits();
    }

    Limits limits() {
        Limits limits = Limits.defaults();
        if (maxRatio != null) {
            limits = limits.withMaxExpansionRatio(positive("--max-ratio", maxRatio));
        }
        if (maxJsonDepth != null) {
            limits = limits.withMaxJsonDepth(positive("--max-json-depth", maxJsonDepth));
        }
        if (maxNumberLength != null) {
            limits = limits.withMaxNumberLength(positive("--max-number-length", maxNumberLength));
        }
        if (maxNumberExponent != null) {
            limits = limits.withMaxNumberExponent(positive("--max-number-exponent", maxNumberExponent));
        }
        if (maxSize == null) {
            return limits;
        }
        long bytes;
        try {
            bytes = Sizes.parse(maxSize);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--max-size: " + e.getMessage());
        }
        if (bytes > 1L << 31) {
            throw new UsageException("--max-size " + maxSize + " is above 2G, the largest Java array; use at most 2G");
        }
        // 2G itself means the largest array Java can allocate, one byte short of 2 GiB.
        bytes = Math.min(bytes, Integer.MAX_VALUE);
        return limits.withMaxPayloadBytes(bytes).withMaxStateBytes(bytes);
    }

    private static int positive(String option, int value) {
        if (value < 1) {
            throw new UsageException(option + " must be 1 or more, got " + value);
        }
        return value;
    }
}
