package io.deltachain.cli;

import io.deltachain.cli.internal.CliIo;
import io.deltachain.cli.internal.Progress;
import io.deltachain.core.DeltaCompressor;
import io.deltachain.core.Deltas;
import io.deltachain.api.DeltaRegistry;
import io.deltachain.spi.DeltaStrategy;
import io.deltachain.api.Limits;
import io.deltachain.spi.NativeFormat;
import io.deltachain.spi.StateFormat;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Writes the delta between two files. */
@Command(name = "diff", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Write the delta that turns OLD into NEW: a Deltachain record, or with --raw the strategy's"
                + " native patch that other tools read (bsdiff: BSDIFF40, for bspatch).",
                "Default strategy 'auto' tries every strategy that reproduces files byte for byte; JSON strategies"
                + " (e.g. -s dict) read the files as JSON."})
final class DiffCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = {"-s", "--strategy"}, paramLabel = "ID", defaultValue = "auto",
            description = "Strategy id (default: ${DEFAULT-VALUE}); see 'delta strategies'.")
    String strategy;

    @Option(names = {"-c", "--codec"}, paramLabel = "ID", defaultValue = "gzip", description = "Codec id (default: ${DEFAULT-VALUE}).")
    String codec;

    @Option(names = {"-l", "--level"}, paramLabel = "N", description = "Codec level (default: the codec's).")
    Integer level;

    @Option(names = "--raw", description = "Write the strategy's native patch format instead of a record.")
    boolean raw;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT", description = "Output file (default: standard output).")
    String output;

    @Parameters(index = "0", paramLabel = "OLD", description = "The old file ('-' for standard input).")
    String oldFile;

    @Parameters(index = "1", paramLabel = "NEW", description = "The new file ('-' for standard input).")
    String newFile;

    @Override
    public Integer call() {
        Limits limits = common.limits();
        DeltaRegistry registry = Deltas.registry();
        if (raw && (strategy.equals(DeltaCompressor.AUTO) || strategy.equals(DeltaCompressor.NONE))) {
            throw new UsageException("--raw needs a strategy with a native format (-s ID); " + Natives.available(registry));
        }
        if (oldFile.equals("-") && newFile.equals("-")) {
            throw new UsageException("OLD and NEW cannot both be standard input");
        }
        Formats.codecOption(registry, codec);
        if (!strategy.equals(DeltaCompressor.AUTO) && !strategy.equals(DeltaCompressor.NONE)) {
            Formats.strategyOption(registry, strategy);
        }
        byte[] oldBytes = CliIo.read(oldFile, limits, "OLD");
        byte[] newBytes = CliIo.read(newFile, limits, "NEW");
        StateFormat<?> format = Formats.forStrategy(registry, strategy, oldBytes, newBytes);
        byte[] patch = Progress.timed("diffing", () -> raw ? nativeDiff(registry, format, oldBytes, newBytes, limits)
                : recordDiff(registry, format, oldBytes, newBytes, limits));
        CliIo.write(output, patch);
        return 0;
    }

    private <S> byte[] recordDiff(DeltaRegistry registry, StateFormat<S> format, byte[] oldBytes, byte[] newBytes,
                                  Limits limits) {
        DeltaCompressor.Builder<S> builder = DeltaCompressor.builder(format).registry(registry).strategy(strategy)
                .codec(codec).limits(limits);
        if (level != null) {
            builder.level(level);
        }
        DeltaCompressor<S> compressor = builder.build();
        return compressor.diff(Formats.parse(format, oldBytes, limits, "OLD " + oldFile),
                Formats.parse(format, newBytes, limits, "NEW " + newFile)).toBytes();
    }

    private <S> byte[] nativeDiff(DeltaRegistry registry, StateFormat<S> format, byte[] oldBytes, byte[] newBytes,
                                  Limits limits) {
        DeltaStrategy<S> s = registry.strategy(strategy, format);
        NativeFormat<S> nativeFormat = s.nativeFormat().orElseThrow(() -> new UsageException("strategy '" + strategy
                + "' has no native patch format; " + Natives.available(registry)));
        return nativeFormat.diff(Formats.parse(format, oldBytes, limits, "OLD " + oldFile),
                Formats.parse(format, newBytes, limits, "NEW " + newFile));
    }
}
