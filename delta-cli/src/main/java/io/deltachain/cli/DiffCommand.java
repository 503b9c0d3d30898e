package io.deltachain.cli;

import io.deltachain.api.DeltaException;
import io.deltachain.api.DeltaRegistry;
import io.deltachain.api.Limits;
import io.deltachain.api.StateFormats;
import io.deltachain.cli.internal.CliIo;
import io.deltachain.cli.internal.DiffColors;
import io.deltachain.cli.internal.PrettyJson;
import io.deltachain.cli.internal.Progress;
import io.deltachain.core.DeltaCompressor;
import io.deltachain.core.Deltas;
import io.deltachain.json.CanonicalJson;
import io.deltachain.spi.DeltaStrategy;
import io.deltachain.spi.NativeFormat;
import io.deltachain.spi.StateFormat;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Writes the delta between two files. */
@Command(name = "diff", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Write the delta that turns OLD into NEW: a Deltachain record (binary; --json for its JSON"
                + " form), or with --raw the strategy's native patch that other tools read (bsdiff: BSDIFF40, for"
                + " bspatch).",
                "Default strategy 'auto' tries every strategy that reproduces files byte for byte; JSON strategies"
                + " (e.g. -s dict) read the files as JSON.",
                "With -s text --raw: a unified diff as diff -u writes it, the file names as given after --- and +++"
                + " (no timestamps), coloured on a terminal (--color).",
                "Binary output is never written to a terminal: use -o FILE, or -o - to mean it."})
final class DiffCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    TimestampOption timestamp;

    @Mixin
    ColorOption color;

    @Option(names = {"-s", "--strategy"}, paramLabel = "ID", defaultValue = "auto",
            description = "Strategy id (default: ${DEFAULT-VALUE}); see 'delta strategies'.")
    String strategy;

    @Option(names = {"-c", "--codec"}, paramLabel = "ID", defaultValue = "gzip", description = "Codec id (default: ${DEFAULT-VALUE}).")
    String codec;

    @Option(names = {"-l", "--level"}, paramLabel = "N", description = "Codec level (default: the codec's).")
    Integer level;

    @Option(names = "--raw", description = "Write the strategy's native patch format instead of a record.")
    boolean raw;

    @Option(names = {"-U", "--unified"}, paramLabel = "N",
            description = "With --raw and a format that has context (-s text's unified diff): N lines of context"
                    + " around each change, as diff -U N (default 3).")
    Integer context;

    @Option(names = "--json", description = "Write the record's JSON form (text: header fields, payload in base64)"
            + " instead of its binary wire format; 'delta inspect', 'delta apply' and 'delta chain add-record' read either form.")
    boolean json;

    @Option(names = "--pretty", description = "Indent JSON output (--json, or a native patch that is JSON).")
    boolean pretty;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT",
            description = "Output file (default: standard output, unless it is a terminal and the output binary).")
    String output;

    @Parameters(index = "0", paramLabel = "OLD", description = "The old file ('-' for standard input).")
    String oldFile;

    @Parameters(index = "1", paramLabel = "NEW", description = "The new file ('-' for standard input).")
    String newFile;

    @Override
    public Integer call() {
        Limits limits = CommonOptions.limits(spec);
        DeltaRegistry registry = Deltas.registry();
        if (raw && (strategy.equals(DeltaCompressor.AUTO) || strategy.equals(DeltaCompressor.NONE))) {
            throw new UsageException("--raw needs a strategy with a native format (-s ID); " + Natives.available(registry));
        }
        if (raw && json) {
            throw new UsageException("--raw and --json exclude each other: a native patch has no record to write as JSON");
        }
        if (!raw && spec.commandLine().getParseResult().hasMatchedOption("--color")) {
            throw new UsageException("--color colours a native patch that is text, such as -s text's unified diff;"
                    + " add --raw");
        }
        if (context != null && !raw) {
            throw new UsageException("-U sets the context of a native patch; add --raw (a record stores no context)");
        }
        if (pretty && !raw && !json) {
            throw new UsageException("--pretty indents JSON, and a record is binary; add --json for its JSON form");
        }
        if (oldFile.equals("-") && newFile.equals("-")) {
            throw new UsageException("OLD and NEW cannot both be standard input");
        }
        Output.check(output, "OLD", oldFile, "NEW", newFile);
        if (!raw && !json) {
            Output.refuseTerminal(output, "a binary record");
        }
        Formats.codecOption(registry, codec);
        if (!strategy.equals(DeltaCompressor.AUTO) && !strategy.equals(DeltaCompressor.NONE)) {
            Formats.strategyOption(registry, strategy);
        }
        refuseWhatTheHeapCannotHold(registry, limits);
        byte[] oldBytes = CliIo.read(oldFile, limits, "OLD");
        byte[] newBytes = CliIo.read(newFile, limits, "NEW");
        StateFormat<?> format = raw ? Formats.forNativePatch(registry, strategy, oldBytes, newBytes)
                : Formats.forStrategy(registry, strategy, oldBytes, newBytes);
        if (format.id().equals(StateFormats.UTF8_TEXT_ID) && !raw) {
            // auto on two UTF-8 files: each becomes a string (up to two bytes a character) and its canonical
            // bytes again, beyond what the bytes' own estimate counted
            long text = 3L * (oldBytes.length + (long) newBytes.length);
            Limits.requireHeap(text + estimate(registry, limits, oldBytes.length, newBytes.length), "diffing a "
                    + oldBytes.length + "-byte OLD and a " + newBytes.length + "-byte NEW as text with strategy '"
                    + strategy + "'");
        }
        if (raw) {
            byte[] patch = Progress.timed("diffing", () -> nativeDiff(registry, format, oldBytes, newBytes, limits));
            byte[] written = pretty ? indentIfJson(patch, limits) : patch;
            boolean colour = color.enabled(output) && !CliIo.isBinary(written); // never into a binary patch
            Output.write(output, colour ? DiffColors.colour(written) : written, "a binary native patch");
            return 0;
        }
        byte[] record = Progress.timed("diffing", () -> recordDiff(registry, format, oldBytes, newBytes, limits));
        Output.write(output, record, "a binary record");
        return 0;
    }

    /**
     * From the files' sizes, before reading them: the two inputs and what the strategy says its diff
     * needs on bytes ({@link DeltaCompressor#diffHeapBytes}), against the free heap. Standard input, and a
     * strategy that does not work on bytes (JSON: its parse limits speak), are left to the checks that run
     * while diffing.
     */
    private void refuseWhatTheHeapCannotHold(DeltaRegistry registry, Limits limits) {
        long oldSize = CliIo.regularFileSize(oldFile);
        long newSize = CliIo.regularFileSize(newFile);
        if (oldSize < 0 || newSize < 0) {
            return;
        }
        limits.checkStateSize(oldSize, "OLD " + oldFile); // a file above the limit is refused for that first
        limits.checkStateSize(newSize, "NEW " + newFile);
        long work = estimate(registry, limits, oldSize, newSize);
        if (work < 0) {
            return;
        }
        Limits.requireHeap(oldSize + newSize + work, "diffing a " + oldSize + "-byte OLD and a " + newSize
                + "-byte NEW with strategy '" + strategy + "' (refused from the files' sizes, before reading them)");
    }

    /** @return what the strategy says its diff of bytes of these sizes needs, or -1 when it does not work on bytes */
    private long estimate(DeltaRegistry registry, Limits limits, long oldSize, long newSize) {
        try {
            return raw ? registry.strategy(strategy, StateFormats.bytes()).diffHeapBytes(oldSize, newSize)
                    : DeltaCompressor.builder(StateFormats.bytes()).registry(registry).strategy(strategy).codec(codec)
                    .limits(limits).build().diffHeapBytes(oldSize, newSize);
        } catch (DeltaException notOnBytes) {
            return -1;
        }
    }

    private <S> byte[] recordDiff(DeltaRegistry registry, StateFormat<S> format, byte[] oldBytes, byte[] newBytes,
                                  Limits limits) {
        DeltaCompressor.Builder<S> builder = DeltaCompressor.builder(format).registry(registry).strategy(strategy)
                .codec(codec).limits(limits).clock(timestamp.clock());
        if (level != null) {
            builder.level(level);
        }
        DeltaCompressor<S> compressor = builder.build();
        var record = compressor.diff(Formats.parse(format, oldBytes, limits, "OLD " + oldFile),
                Formats.parse(format, newBytes, limits, "NEW " + newFile));
        if (!json) {
            return record.toBytes();
        }
        byte[] canonical = record.toJson().getBytes(StandardCharsets.UTF_8);
        return pretty ? PrettyJson.indent(canonical) : Formats.withNewline(canonical);
    }

    private <S> byte[] nativeDiff(DeltaRegistry registry, StateFormat<S> format, byte[] oldBytes, byte[] newBytes,
                                  Limits limits) {
        DeltaStrategy<S> s = registry.strategy(strategy, format);
        NativeFormat<S> nativeFormat = s.nativeFormat().orElseThrow(() -> new UsageException("strategy '" + strategy
                + "' has no native patch format; " + Natives.available(registry))).withNames(oldFile, newFile);
        if (context != null) {
            if (context < 0) {
                throw new UsageException("-U must be 0 or more lines, got " + context);
            }
            try {
                nativeFormat = nativeFormat.withContext(context);
            } catch (io.deltachain.api.UnsupportedDeltaOperationException e) {
                throw new UsageException("-U: " + e.getMessage() + " (strategy '" + strategy + "')");
            }
        }
        byte[] patch = nativeFormat.diff(Formats.parse(format, oldBytes, limits, "OLD " + oldFile),
                Formats.parse(format, newBytes, limits, "NEW " + newFile));
        // Never write a patch that 'delta apply --raw' would refuse under the same limits.
        limits.checkExpansion(newBytes.length, patch.length, oldBytes.length, "this patch would not apply under these"
                + " limits: the " + nativeFormat.name() + " patch");
        return patch;
    }

    /** A native patch that is JSON (RFC 6902, RFC 7396) comes out indented; other text is left as it is. */
    private byte[] indentIfJson(byte[] patch, Limits limits) {
        if (CliIo.isBinary(patch)) {
            throw new UsageException("--pretty indents JSON, and strategy '" + strategy + "' writes a binary native"
                    + " patch");
        }
        try {
            return PrettyJson.indent(CanonicalJson.write(CanonicalJson.parse(patch, limits)));
        } catch (io.deltachain.api.DeltaException notJson) {
            return patch; // text such as a unified diff: nothing to indent
        }
    }
}
