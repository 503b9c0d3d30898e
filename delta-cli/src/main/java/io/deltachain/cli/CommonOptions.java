package io.deltachain.cli;

import io.deltachain.cli.internal.Sizes;
import io.deltachain.api.Limits;
import picocli.CommandLine.Option;

/** Options every command takes. */
final class CommonOptions {
    @Option(names = "--verbose", description = "On an error, print the stack trace too.")
    boolean verbose;

    @Option(names = "--max-size", paramLabel = "SIZE",
            description = "Largest input file and decoded payload, at most 2G (default: files 2G, payloads 256M).")
    String maxSize;

    Limits limits() {
        if (maxSize == null) {
            return Limits.defaults();
        }
        long bytes;
        try {
            bytes = Sizes.parse(maxSize);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--max-size: " + e.getMessage());
        }
        if (bytes > Integer.MAX_VALUE) {
            throw new UsageException("--max-size " + maxSize + " is above 2G, the largest Java array; use at most 2G");
        }
        return Limits.defaults().withMaxPayloadBytes(bytes).withMaxStateBytes(bytes);
    }
}
