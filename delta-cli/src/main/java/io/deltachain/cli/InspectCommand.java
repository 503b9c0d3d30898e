package io.deltachain.cli;

import io.deltachain.cli.internal.CliIo;
import io.deltachain.api.DeltaRegistry;
import io.deltachain.api.Limits;
import io.deltachain.api.UnknownProviderException;
import io.deltachain.core.DeltaCompressor;
import io.deltachain.core.DeltaRecord;
import io.deltachain.core.Deltas;
import io.deltachain.spi.StateFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Prints a record's header. */
@Command(name = "inspect", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Print a record's header: strategy, codec, sizes, ratio, hashes, affected keys.",
                "Then check what it says that needs no base: the codec level, the raw size against the limits, the "
                        + "payload size and summary against the decoded payload. Exit 1 when the header disagrees with "
                        + "its payload; a record whose strategy or codec is not installed is printed with a note, "
                        + "unchecked."})
final class InspectCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Parameters(index = "0", paramLabel = "PATCH", description = "A record written by 'delta diff' ('-' for stdin).")
    String patchFile;

    @Override
    public Integer call() {
        Limits limits = CommonOptions.limits(spec);
        DeltaRecord r = RecordFiles.read(CliIo.read(patchFile, limits, "PATCH"), "PATCH", patchFile, limits);
        Map<String, Object> h = header(r);
        if (json) {
            Tables.printJson(h);
        } else {
            Tables.printFields(h, 14);
        }
        System.out.flush();
        DeltaRegistry registry = Deltas.registry();
        try {
            check(registry, registry.stateFormat(r.stateFormatId()), r, limits);
        } catch (UnknownProviderException notInstalled) {
            System.err.println("delta: note: " + patchFile + " is not checked against its payload: "
                    + notInstalled.getMessage());
        }
        return 0;
    }

    private static <S> void check(DeltaRegistry registry, StateFormat<S> format, DeltaRecord r, Limits limits) {
        DeltaCompressor.builder(format).registry(registry).codec(r.codecId()).limits(limits).build().check(r);
    }

    static Map<String, Object> header(DeltaRecord r) {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("strategy", r.strategyId());
        h.put("stateFormat", r.stateFormatId());
        h.put("codec", r.codecId());
        h.put("level", r.codecLevel());
        h.put("index", r.index());
        h.put("timestamp", r.timestamp().toString());
        h.put("rawSize", r.rawSize());
        h.put("payloadSize", r.payloadSize());
        h.put("storedSize", r.storedSize());
        h.put("wireSize", r.wireSize());
        h.put("ratio", java.math.BigDecimal.valueOf(r.compressionRatio()).setScale(2, java.math.RoundingMode.HALF_EVEN));
        h.put("baseSha256", r.baseHashHex());
        h.put("targetSha256", r.targetHashHex());
        if (r.summary().known()) {
            h.put("changes", r.changes());
            h.put("removals", r.removals());
            h.put("affectedKeys", r.affectedKeys());
        }
        if (!r.metadata().isEmpty()) {
            h.put("metadata", r.metadata());
        }
        return h;
    }
}
