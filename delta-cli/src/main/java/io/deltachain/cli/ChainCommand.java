package io.deltachain.cli;

import io.deltachain.cli.internal.CliIo;
import io.deltachain.cli.internal.PrettyJson;
import io.deltachain.cli.internal.Progress;
import io.deltachain.core.ChainMetrics;
import io.deltachain.core.ChainPolicy;
import io.deltachain.core.ChainVerification;
import io.deltachain.core.DeltaChain;
import io.deltachain.core.DeltaCompressor;
import io.deltachain.core.DeltaRecord;
import io.deltachain.core.Deltas;
import io.deltachain.core.DirectoryChainStore;
import io.deltachain.json.CanonicalJson;
import io.deltachain.api.DeltaException;
import io.deltachain.api.DeltaRegistry;
import io.deltachain.api.Limits;
import io.deltachain.spi.StateFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** File histories kept as delta chains in a directory. */
@Command(name = "chain", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Keep a file's history as a delta chain in a directory.",
        subcommands = {ChainCommand.Init.class, ChainCommand.Add.class, ChainCommand.Get.class, ChainCommand.Log.class,
                ChainCommand.Verify.class, ChainCommand.Metrics.class})
final class ChainCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "no chain command given");
    }

    static DeltaChain<?> open(Path dir, Limits limits) {
        if (!Files.isRegularFile(dir.resolve("manifest.json"))) {
            throw new DeltaException(dir + " holds no chain; create one with 'delta chain init " + dir + "'");
        }
        DirectoryChainStore store = new DirectoryChainStore(dir, limits);
        DeltaRegistry registry = Deltas.registry();
        try {
            return open(store, registry, registry.stateFormat(store.readManifest().orElseThrow().stateFormatId()), limits);
        } catch (io.deltachain.api.CorruptDeltaException | io.deltachain.api.StateMismatchException e) {
            throw new DeltaException("chain " + dir + " is damaged: " + e.getMessage() + "; run 'delta chain verify "
                    + dir + "' for a full report", e);
        }
    }

    private static <S> DeltaChain<S> open(DirectoryChainStore store, DeltaRegistry registry, StateFormat<S> format,
                                          Limits limits) {
        return DeltaChain.open(store, registry, format, limits);
    }

    @Command(name = "init", mixinStandardHelpOptions = true, versionProvider = Version.class, description = "Create an empty chain in DIR.")
    static final class Init implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Parameters(index = "0", paramLabel = "DIR", description = "The chain's directory (created; must hold no chain).")
        Path dir;

        @Option(names = {"-s", "--strategy"}, paramLabel = "ID", defaultValue = "auto",
                description = "Strategy (default: ${DEFAULT-VALUE}); JSON strategies make a chain of JSON documents.")
        String strategy;

        @Option(names = {"-c", "--codec"}, paramLabel = "ID", defaultValue = "gzip", description = "Codec (default: ${DEFAULT-VALUE}).")
        String codec;

        @Option(names = {"-l", "--level"}, paramLabel = "N", description = "Codec level (default: the codec's).")
        Integer level;

        @Option(names = "--format", paramLabel = "ID",
                description = "State format: bytes, utf8-text, json-map, json-node (default: the strategy's; bytes for auto).")
        String format;

        @Option(names = "--max-chain-length", paramLabel = "N",
                description = "Length bound of the rebase and merge policies (default: 20).")
        Integer maxChainLength;

        @Option(names = "--snapshot-every", paramLabel = "N", defaultValue = "32",
                description = "Store a snapshot every N versions (default: ${DEFAULT-VALUE}).")
        int snapshotEvery;

        @Option(names = "--policy", paramLabel = "POLICY", defaultValue = "snapshot",
                description = "snapshot (keep every version), rebase or merge (default: ${DEFAULT-VALUE}).")
        String policy;

        @Override
        public Integer call() {
            DeltaRegistry registry = Deltas.registry();
            ChainPolicy p = policy();
            Formats.codecOption(registry, codec);
            if (Files.exists(dir.resolve("manifest.json"))) {
                throw new DeltaException(dir + " already holds a chain");
            }
            StateFormat<?> f = format != null ? registry.stateFormat(format) : Formats.forStrategy(registry, strategy);
            create(f, registry, p);
            System.out.println("created an empty " + f.id() + " chain in " + dir + " (strategy " + strategy + ", codec "
                    + codec + ", policy " + policy.toLowerCase(Locale.ROOT) + ")");
            return 0;
        }

        private ChainPolicy policy() {
            int max = maxChainLength != null ? maxChainLength : ChainPolicy.DEFAULT_MAX_CHAIN_LENGTH;
            switch (policy.toLowerCase(Locale.ROOT)) {
                case "snapshot":
                    if (maxChainLength != null) {
                        throw new UsageException("--max-chain-length applies to --policy rebase or merge; --policy"
                                + " snapshot keeps every version");
                    }
                    return ChainPolicy.keepAll();
                case "rebase":
                    return ChainPolicy.rebaseAfter(max);
                case "merge":
                    return ChainPolicy.mergeAfter(max);
                default:
                    throw new UsageException("--policy must be snapshot, rebase or merge, not '" + policy + "'");
            }
        }

        private <S> void create(StateFormat<S> f, DeltaRegistry registry, ChainPolicy p) {
            DeltaCompressor.Builder<S> c = DeltaCompressor.builder(f).registry(registry).strategy(strategy).codec(codec)
                    .limits(common.limits());
            if (level != null) {
                c.level(level);
            }
            DeltaChain.builder(f).compressor(c.build()).policy(p).snapshotEvery(snapshotEvery)
                    .store(new DirectoryChainStore(dir, common.limits())).build();
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true, versionProvider = Version.class, description = "Add each FILE as the next version.")
    static final class Add implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Parameters(index = "0", paramLabel = "DIR", description = "The chain's directory.")
        Path dir;

        @Parameters(index = "1..*", arity = "1..*", paramLabel = "FILE", description = "Files, oldest first.")
        List<String> files;

        @Override
        public Integer call() {
            addAll(open(dir, common.limits()));
            return 0;
        }

        private <S> void addAll(DeltaChain<S> chain) {
            for (String file : files) {
                Path path = Path.of(file);
                if (!file.equals("-") && (!Files.isRegularFile(path) || !Files.isReadable(path))) {
                    throw new DeltaException("FILE " + file + " does not exist or cannot be read; nothing was added");
                }
            }
            try (Progress progress = Progress.start("adding", files.size())) {
                int done = 0;
                for (String file : files) {
                    S state = Formats.parse(chain.stateFormat(), CliIo.read(file, common.limits(), "FILE"),
                            common.limits(), "FILE " + file);
                    int index = chain.add(state);
                    Optional<DeltaRecord> r = chain.deltaAt(index);
                    progress.step(++done);
                    System.out.println(r.map(d -> String.format(Locale.ROOT, "version %d: %s, %d -> %d bytes (%.1f:1)",
                            index, d.strategyId(), d.rawSize(), d.wireSize(), d.compressionRatio()))
                            .orElse("version " + index + ": base snapshot, " + file));
                }
            }
        }
    }

    @Command(name = "get", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = "Write version INDEX (0 = base; negative counts from the end, -1 = current).")
    static final class Get implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Parameters(index = "0", paramLabel = "DIR", description = "The chain's directory.")
        Path dir;

        @Parameters(index = "1", paramLabel = "INDEX", description = "The version.")
        int index;

        @Option(names = {"-o", "--output"}, paramLabel = "OUT", description = "Output file (default: standard output).")
        String output;

        @Option(names = "--pretty", description = "Indent JSON output.")
        boolean pretty;

        @Override
        public Integer call() {
            CliIo.write(output, get(open(dir, common.limits())));
            return 0;
        }

        private <S> byte[] get(DeltaChain<S> chain) {
            int i = index < 0 ? chain.length() + index : index;
            if (index < 0 && i < 0) {
                throw new DeltaException("no version " + index + "; the chain holds versions 0 to " + (chain.length() - 1)
                        + " (-1 to -" + chain.length() + " from the end)");
            }
            return Formats.render(chain.stateFormat(), chain.stateAt(i), pretty);
        }
    }

    @Command(name = "log", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = "One line per version: index, time, strategy, sizes, ratio.")
    static final class Log implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Parameters(index = "0", paramLabel = "DIR", description = "The chain's directory.")
        Path dir;

        @Override
        public Integer call() {
            DeltaChain<?> chain = open(dir, common.limits());
            StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-7s %-30s %-10s %12s %12s %8s%n",
                    "INDEX", "TIME", "STRATEGY", "RAW", "STORED", "RATIO"));
            for (int i = 0; i < chain.length(); i++) {
                Optional<DeltaRecord> r = chain.deltaAt(i);
                if (r.isEmpty()) {
                    out.append(String.format(Locale.ROOT, "%-7d %-30s %-10s%n", i, "-", "(base)"));
                } else {
                    DeltaRecord d = r.get();
                    out.append(String.format(Locale.ROOT, "%-7d %-30s %-10s %12d %12d %8.1f%n", i, d.timestamp(),
                            d.strategyId(), d.rawSize(), d.wireSize(), d.compressionRatio()));
                }
            }
            System.out.print(out);
            return 0;
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = "Re-check every CRC and hash; exit 1 on any fault.")
    static final class Verify implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Parameters(index = "0", paramLabel = "DIR", description = "The chain's directory.")
        Path dir;

        @Override
        public Integer call() {
            if (!Files.isRegularFile(dir.resolve("manifest.json"))) {
                throw new DeltaException(dir + " holds no chain; create one with 'delta chain init " + dir + "'");
            }
            ChainVerification v = Progress.timed("verifying", () -> DeltaChain.verify(
                    new DirectoryChainStore(dir, common.limits()), Deltas.registry(), common.limits()));
            if (v.ok()) {
                System.out.println("ok: " + v.versionsChecked() + " versions verified");
                return 0;
            }
            v.problems().forEach(p -> System.out.println("FAULT " + Formats.forTheCommandLine(p)));
            System.err.println("delta: chain " + dir + " failed verification: " + v.problems().size() + " fault(s)");
            return DeltaCommand.DELTA_ERROR;
        }
    }

    @Command(name = "metrics", mixinStandardHelpOptions = true, versionProvider = Version.class, description = "Print the chain's metrics.")
    static final class Metrics implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Parameters(index = "0", paramLabel = "DIR", description = "The chain's directory.")
        Path dir;

        @Option(names = "--json", description = "Print JSON instead of text.")
        boolean json;

        @Override
        public Integer call() {
            ChainMetrics m = open(dir, common.limits()).metrics();
            Map<String, Object> h = new LinkedHashMap<>();
            h.put("length", m.length());
            h.put("rebaselines", m.rebaselines());
            h.put("optimisations", m.optimisations());
            h.put("totalChanges", m.totalChanges());
            h.put("totalRemovals", m.totalRemovals());
            h.put("rawBytes", m.rawBytes());
            h.put("storedBytes", m.storedBytes());
            h.put("ratio", java.math.BigDecimal.valueOf(m.ratio()).setScale(2, java.math.RoundingMode.HALF_EVEN));
            h.put("snapshots", m.snapshots());
            h.put("longestReconstructionPath", m.longestReconstructionPath());
            if (json) {
                CliIo.write(null, PrettyJson.indent(CanonicalJson.write(h)));
            } else {
                StringBuilder out = new StringBuilder();
                h.forEach((k, v) -> out.append(String.format(Locale.ROOT, "%-26s %s%n", k, v)));
                System.out.print(out);
            }
            return 0;
        }
    }
}
