package io.deltachain.cli;

import io.deltachain.api.DeltaRegistry;
import io.deltachain.api.Limits;
import io.deltachain.cli.internal.CliIo;
import io.deltachain.core.DeltaCompressor;
import io.deltachain.core.DeltaRecord;
import io.deltachain.core.Deltas;
import io.deltachain.spi.StateFormat;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Prints a record's header and what it changes. */
@Command(name = "show", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Print a record's header (as 'delta inspect' does) and what it changes, as its strategy renders"
                + " it: text the hunks of a unified diff (the added lines; the removed ones only counted, since a"
                + " record does not hold them), dict one line per changed key.",
                "With --base, the file the record was made from (its hash is checked): text shows a unified diff with"
                + " the removed lines and three lines of context, dict the old values.",
                "Binary strategies (bsdiff) render no change; the header's summary is what they tell."})
final class ShowCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ColorOption color;

    @Option(names = "--base", paramLabel = "FILE", description = "The file the record was made from ('-' for stdin).")
    String baseFile;

    @Option(names = "--json", description = "Print JSON: the header's fields and 'change', the rendering (null when"
            + " the strategy renders none).")
    boolean json;

    @Parameters(index = "0", paramLabel = "RECORD", description = "A record written by 'delta diff' or 'delta chain"
            + " delta' ('-' for stdin).")
    String recordFile;

    @Override
    public Integer call() {
        Limits limits = CommonOptions.limits(spec);
        if ("-".equals(baseFile) && recordFile.equals("-")) {
            throw new UsageException("--base and RECORD cannot both be standard input");
        }
        DeltaRecord record = RecordFiles.read(CliIo.read(recordFile, limits, "RECORD"), "RECORD", recordFile, limits);
        DeltaRegistry registry = Deltas.registry();
        Optional<String> change = describe(registry, registry.stateFormat(record.stateFormatId()), record, limits);
        Map<String, Object> header = InspectCommand.header(record);
        if (json) {
            header.put("change", change.orElse(null));
            Tables.printJson(header);
            return 0;
        }
        Tables.printFields(header, 14);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write('\n');
        if (change.isEmpty()) {
            out.writeBytes(("strategy '" + record.strategyId() + "' renders no readable change; the fields above are"
                    + " what the record tells (records made with -s text, dict, json-patch or merge-patch show"
                    + " theirs: e.g. delta diff -s text OLD NEW)\n").getBytes(StandardCharsets.UTF_8));
        } else if (change.get().isEmpty()) {
            out.writeBytes("no change: the record's target is its base\n".getBytes(StandardCharsets.UTF_8));
        } else {
            out.writeBytes(color.apply(null, change.get().getBytes(StandardCharsets.UTF_8)));
        }
        CliIo.write(null, out.toByteArray());
        return 0;
    }

    private <S> Optional<String> describe(DeltaRegistry registry, StateFormat<S> format, DeltaRecord record,
                                          Limits limits) {
        DeltaCompressor<S> compressor = DeltaCompressor.builder(format).registry(registry).strategy(record.strategyId())
                .codec(record.codecId()).limits(limits).build();
        compressor.check(record);
        if (baseFile == null) {
            return compressor.describe(record);
        }
        S base = Formats.parse(format, CliIo.read(baseFile, limits, "BASE"), limits, "BASE " + baseFile);
        return compressor.describe(base, record);
    }
}
