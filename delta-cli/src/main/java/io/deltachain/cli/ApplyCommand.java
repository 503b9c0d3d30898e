package io.deltachain.cli;

import io.deltachain.cli.internal.CliIo;
import io.deltachain.core.DeltaCompressor;
import io.deltachain.core.DeltaRecord;
import io.deltachain.core.Deltas;
import io.deltachain.api.DeltaException;
import io.deltachain.api.DeltaRegistry;
import io.deltachain.spi.DeltaStrategy;
import io.deltachain.api.Limits;
import io.deltachain.spi.NativeFormat;
import io.deltachain.spi.StateFormat;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Applies a patch to a file. */
@Command(name = "apply", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Apply PATCH to OLD and write the result. A record names its strategy and codec and checks"
                + " OLD's hash before and the result's after; with --raw, PATCH is a native patch of strategy -s."})
final class ApplyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-s", "--strategy"}, paramLabel = "ID",
            description = "With --raw: the strategy whose native format PATCH is. Without: checked against the record.")
    String strategy;

    @Option(names = "--raw", description = "PATCH is a native patch (needs -s).")
    boolean raw;

    @Option(names = {"-F", "--fuzz"}, paramLabel = "N",
            description = "With --raw: place hunks that do not fit where the patch says nearby (an offset) and, if"
                    + " need be, ignoring up to N lines of context at each end, as GNU patch does (its default is 2);"
                    + " each such hunk is reported on standard error. Default: strict, every hunk exactly where it says.")
    Integer fuzz;

    @Option(names = "--pretty", description = "Indent JSON output.")
    boolean pretty;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT", description = "Output file (default: standard output, unless it is a terminal and the result binary).")
    String output;

    @Parameters(index = "0", paramLabel = "OLD", description = "The file the patch was made from ('-' for stdin).")
    String oldFile;

    @Parameters(index = "1", paramLabel = "PATCH", description = "The patch ('-' for stdin).")
    String patchFile;

    @Override
    public Integer call() {
        Limits limits = CommonOptions.limits(spec);
        DeltaRegistry registry = Deltas.registry();
        if (raw && strategy == null) {
            throw new UsageException("--raw needs -s ID: a native patch does not say which strategy made it; "
                    + Natives.available(registry));
        }
        if (fuzz != null && !raw) {
            throw new UsageException("--fuzz applies to native patches (--raw): a record checks its base's hash, so it"
                    + " applies exactly or not at all");
        }
        if (fuzz != null && fuzz < 0) {
            throw new UsageException("--fuzz must be 0 or more lines, got " + fuzz);
        }
        if (oldFile.equals("-") && patchFile.equals("-")) {
            throw new UsageException("OLD and PATCH cannot both be standard input");
        }
        Output.check(output, "OLD", oldFile, "PATCH", patchFile);
        byte[] oldBytes = CliIo.read(oldFile, limits, "OLD");
        byte[] patch = CliIo.read(patchFile, limits, "PATCH");
        if (raw) {
            if (DeltaRecord.matches(patch)) {
                throw new DeltaException("PATCH " + patchFile + " is a Deltachain record, not a native patch; apply it"
                        + " without --raw");
            }
            Output.write(output, applyNative(registry, Formats.forStrategy(registry, strategy), oldBytes, patch, limits),
                    "a binary file");
            return 0;
        }
        DeltaRecord record = RecordFiles.read(patch, "PATCH", patchFile, limits);
        if (strategy != null && !strategy.equals(record.strategyId()) && !strategy.equals(DeltaCompressor.AUTO)) {
            throw new DeltaException("PATCH " + patchFile + " was made by strategy '" + record.strategyId() + "', not '"
                    + strategy + "'");
        }
        Output.write(output, applyRecord(registry, registry.stateFormat(record.stateFormatId()), oldBytes, record, limits),
                "a binary file");
        return 0;
    }

    private <S> byte[] applyRecord(DeltaRegistry registry, StateFormat<S> format, byte[] oldBytes, DeltaRecord record,
                                   Limits limits) {
        // the record's own level is checked against its codec's range as the record is applied (an
        // InconsistentRecordException); applying does not depend on the level it was written at
        DeltaCompressor<S> compressor = DeltaCompressor.builder(format).registry(registry).codec(record.codecId())
                .limits(limits).build();
        S result = compressor.apply(Formats.parse(format, oldBytes, limits, "OLD " + oldFile), record);
        return Formats.render(format, result, pretty);
    }

    private <S> byte[] applyNative(DeltaRegistry registry, StateFormat<S> format, byte[] oldBytes, byte[] patch,
                                   Limits limits) {
        DeltaStrategy<S> s = registry.strategy(strategy, format);
        NativeFormat<S> nativeFormat = s.nativeFormat().orElseThrow(() -> new UsageException("strategy '" + strategy
                + "' has no native patch format; " + Natives.available(registry)));
        S base = Formats.parse(format, oldBytes, limits, "OLD " + oldFile);
        if (fuzz == null) {
            return Formats.render(format, nativeFormat.apply(base, patch, limits), pretty);
        }
        if (!nativeFormat.appliesTolerantly()) {
            throw new UsageException("--fuzz: " + nativeFormat.name() + " patches (strategy '" + strategy + "') apply"
                    + " exactly or not at all; drop --fuzz");
        }
        S result = nativeFormat.applyTolerantly(base, patch, fuzz,
                adjustment -> System.err.println("delta: " + patchFile + ": " + adjustment), limits);
        return Formats.render(format, result, pretty);
    }
}
