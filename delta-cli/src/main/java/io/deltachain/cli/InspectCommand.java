package io.deltachain.cli;

import io.deltachain.cli.internal.CliIo;
import io.deltachain.cli.internal.PrettyJson;
import io.deltachain.core.DeltaRecord;
import io.deltachain.json.CanonicalJson;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Prints a record's header. */
@Command(name = "inspect", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Print a record's header: strategy, codec, sizes, ratio, hashes, affected keys.")
final class InspectCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Parameters(index = "0", paramLabel = "PATCH", description = "A record written by 'delta diff' ('-' for stdin).")
    String patchFile;

    @Override
    public Integer call() {
        DeltaRecord r = DeltaRecord.fromBytes(CliIo.read(patchFile, common.limits(), "PATCH"), common.limits());
        Map<String, Object> h = header(r);
        if (json) {
            CliIo.write(null, PrettyJson.indent(CanonicalJson.write(h)));
            return 0;
        }
        StringBuilder out = new StringBuilder();
        h.forEach((k, v) -> out.append(String.format(Locale.ROOT, "%-14s %s%n", k, v instanceof List<?> list
                ? list.stream().map(String::valueOf).collect(Collectors.joining(", ")) : v)));
        System.out.print(out);
        return 0;
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
