package io.deltachain.cli;

import io.deltachain.api.CorruptDeltaException;
import io.deltachain.api.DeltaException;
import io.deltachain.api.DeltaRegistry;
import io.deltachain.api.LimitExceededException;
import io.deltachain.api.Limits;
import io.deltachain.api.RecordIndexMismatchException;
import io.deltachain.cli.internal.CliIo;
import io.deltachain.cli.internal.Progress;
import io.deltachain.core.ChainManifest;
import io.deltachain.core.ChainMetrics;
import io.deltachain.core.ChainPolicy;
import io.deltachain.core.ChainStore;
import io.deltachain.core.ChainVerification;
import io.deltachain.core.DamagedVersionException;
import io.deltachain.core.DeltaChain;
import io.deltachain.core.DeltaCompressor;
import io.deltachain.core.DeltaRecord;
import io.deltachain.core.Deltas;
import io.deltachain.core.DirectoryChainStore;
import io.deltachain.core.FsyncPolicy;
import io.deltachain.json.CanonicalJson;
import io.deltachain.spi.StateFormat;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** File histories kept as delta chains in a directory. */
@Command(name = "chain", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Keep a file's history as a delta chain in a directory.",
        subcommands = {ChainCommand.Init.class, ChainCommand.Add.class, ChainCommand.Get.class, ChainCommand.Log.class,
                ChainCommand.Verify.class, ChainCommand.Metrics.class, ChainCommand.Rebaseline.class,
                ChainCommand.Clear.class, ChainCommand.AddRecord.class, ChainCommand.Delta.class,
                ChainCommand.Salvage.class, ChainCommand.Compact.class, ChainCommand.Retain.class,
                ChainCommand.Export.class,
                ChainDiffCommand.class})
final class ChainCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "no chain command given");
    }

    /**
     * Opens the chain in {@code dir}; new records are stamped by {@code clock}, and a write waits at most
     * {@code lockTimeout} for another writer's lock.
     */
    static DeltaChain<?> open(Path dir, Limits limits, Clock clock, Duration lockTimeout) {
        DirectoryChainStore store = store(dir, limits, lockTimeout);
        ChainManifest manifest = manifest(dir, store);
        DeltaRegistry registry = Deltas.registry();
        try {
            return open(store, registry, registry.stateFormat(manifest.stateFormatId()), limits, clock);
        } catch (CorruptDeltaException | io.deltachain.api.StateMismatchException e) {
            throw new DeltaException("chain " + dir + " is damaged: " + e.getMessage() + "; run 'delta chain verify "
                    + dir + "' for a full report", e);
        }
    }

    private static <S> DeltaChain<S> open(DirectoryChainStore store, DeltaRegistry registry, StateFormat<S> format,
                                          Limits limits, Clock clock) {
        return DeltaChain.open(store, registry, format, limits, clock);
    }

    /** Tells the user what a writer's recovery dropped, rebuilt or rolled forward: one line on standard error. */
    private static void recovered(io.deltachain.core.StoreRecovery recovery) {
        System.err.println("delta: warning: recovered the chain before writing: " + String.join("; ", recovery.actions()));
    }

    /** The store of an existing chain: a directory without a manifest is refused. */
    private static DirectoryChainStore store(Path dir, Limits limits, Duration lockTimeout) {
        if (!Files.exists(dir)) {
            throw new DeltaException(dir + " does not exist; 'delta chain init " + dir + "' creates a chain there");
        }
        if (!Files.isDirectory(dir)) {
            throw new DeltaException(dir + " is a file, not a chain directory; a chain is a directory made by"
                    + " 'delta chain init DIR'");
        }
        if (!Files.isRegularFile(dir.resolve("manifest.json"))) {
            throw new DeltaException(dir + " holds no chain (no manifest.json); 'delta chain init DIR' creates one in"
                    + " a new or empty directory" + (isEmpty(dir) ? ", such as " + dir : ""));
        }
        return new DirectoryChainStore(dir, limits, FsyncPolicy.always(), lockTimeout).onRecovery(ChainCommand::recovered);
    }

    /** The manifest, or an error that names the damaged file (the store's words) and the way on. */
    private static ChainManifest manifest(Path dir, DirectoryChainStore store) {
        try {
            return store.readManifest().orElseThrow(() -> new DeltaException(dir + " holds no chain"));
        } catch (CorruptDeltaException e) {
            throw new DeltaException(e.getMessage() + "; run 'delta chain verify " + dir + "' for a full report", e);
        }
    }

    /** {@code 3, 5 to 9, 12}: ascending versions as runs. */
    static String ranges(Collection<Integer> ascending) {
        List<String> runs = new ArrayList<>();
        Integer start = null;
        Integer last = null;
        for (int v : ascending) {
            if (last != null && v != last + 1) {
                runs.add(start.equals(last) ? String.valueOf(start) : start + " to " + last);
                start = null;
            }
            start = start == null ? v : start;
            last = v;
        }
        if (start != null) {
            runs.add(start.equals(last) ? String.valueOf(start) : start + " to " + last);
        }
        return String.join(", ", runs);
    }

    /** INDEX as the commands take it: from 0, or negative from the end (-1 = current). */
    static int index(DeltaChain<?> chain, int index) {
        int i = index < 0 ? chain.length() + index : index;
        if (index < 0 && i < 0 && chain.length() == 0) {
            throw new DeltaException("no version " + index + ": the chain is empty (cleared, or never added to); add one"
                    + " with 'delta chain add'");
        }
        int first = chain.firstIndex();
        if (index < 0 && i < first) {
            throw new DeltaException("no version " + index + "; the chain holds versions " + first + " to "
                    + (chain.length() - 1) + " (-1 to -" + (chain.length() - first) + " from the end)");
        }
        return i;
    }

    /** Refuses a {@code -s} that names no installed strategy as a usage error (exit 2); auto and none are built in. */
    private static void strategyOption(String strategy) {
        if (strategy != null && !strategy.equals(DeltaCompressor.AUTO) && !strategy.equals(DeltaCompressor.NONE)) {
            Formats.strategyOption(Deltas.registry(), strategy);
        }
    }

    /** A damaged version's error, with the ways on. */
    static DeltaException damaged(Path dir, DamagedVersionException e) {
        return new DeltaException("version " + e.version() + " cannot be read: " + e.reason() + ". The versions that do"
                + " not depend on the damage still read: 'delta chain verify " + dir + "' lists every fault and the"
                + " versions it stops, 'delta chain salvage " + dir + " NEW' copies every version that reads into a new"
                + " chain", e);
    }

    /** Says which versions could not be read, on standard error; the exit code of a command that did the rest. */
    static int unreadable(Path dir, Collection<Integer> lost, String what) {
        System.err.println("delta: chain " + dir + ": " + (lost.size() == 1 ? "version " : "versions ") + ranges(lost)
                + " cannot be read (" + what + "); 'delta chain verify " + dir + "' lists every fault");
        return DeltaCommand.DELTA_ERROR;
    }

    /** {@code versions 0 to 4}, {@code version 0}, {@code no version}. */
    static String versions(int from, int to) {
        return to < from ? "no version" : from == to ? "version " + from : "versions " + from + " to " + to;
    }

    @Command(name = "init", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = "Create an empty chain in DIR: a new directory, or an existing empty one.")
    static final class Init implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "DIR",
                description = "The chain's directory (created; an existing one must be empty).")
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

        @Mixin
        LockTimeoutOption lock;

        @Override
        public Integer call() {
            DeltaRegistry registry = Deltas.registry();
            ChainPolicy p = policy();
            Formats.codecOption(registry, codec);
            if (Files.exists(dir.resolve("manifest.json"))) {
                throw new DeltaException(dir + " already holds a chain");
            }
            checkNewOrEmpty(dir, "the chain");
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

        /** A chain goes into a new directory or an empty one, never among unrelated files. */
        static void checkNewOrEmpty(Path dir, String forWhat) {
            if (Files.exists(dir) && !Files.isDirectory(dir)) {
                throw new DeltaException(dir + " is a file, not a directory; name a new or empty directory for "
                        + forWhat);
            }
            if (Files.isDirectory(dir)) {
                try (Stream<Path> entries = Files.list(dir)) {
                    Optional<Path> first = entries.findFirst();
                    if (first.isPresent()) {
                        throw new DeltaException(dir + " is not empty (it holds " + first.get().getFileName()
                                + (Files.exists(dir.resolve("manifest.json")) ? ", a chain" : "")
                                + "); name a new or empty directory for " + forWhat);
                    }
                } catch (IOException e) {
                    throw new DeltaException("cannot read directory " + dir + ": " + e.getMessage(), e);
                }
            }
        }

        private <S> void create(StateFormat<S> f, DeltaRegistry registry, ChainPolicy p) {
            Limits limits = CommonOptions.limits(spec);
            DeltaCompressor.Builder<S> c = DeltaCompressor.builder(f).registry(registry).strategy(strategy).codec(codec)
                    .limits(limits);
            if (level != null) {
                c.level(level);
            }
            DeltaChain.builder(f).compressor(c.build()).policy(p).snapshotEvery(snapshotEvery)
                    .store(new DirectoryChainStore(dir, limits, FsyncPolicy.always(), lock.timeout())
                            .onRecovery(ChainCommand::recovered)).build();
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = {"Add each FILE as the next version, one line per version.",
                    "Under the rebase and merge policies the line says when the policy dropped or folded history."})
    static final class Add implements Callable<Integer> {
        @Mixin
        ChainDir chainDir;

        @Mixin
        TimestampOption timestamp;

        @Mixin
        LockTimeoutOption lock;

        @Parameters(index = "1..*", arity = "1..*", paramLabel = "FILE", description = "Files, oldest first.")
        List<String> files;

        @Override
        public Integer call() {
            addAll(chainDir.openForWriting(timestamp.clock(), lock), chainDir.limits());
            return 0;
        }

        private <S> void addAll(DeltaChain<S> chain, Limits limits) {
            for (String file : files) {
                Path path = Path.of(file);
                if (!file.equals("-") && (!Files.isRegularFile(path) || !Files.isReadable(path))) {
                    throw new DeltaException("FILE " + file + " does not exist or cannot be read; nothing was added");
                }
            }
            List<String> added = new ArrayList<>();
            List<Integer> addedAs = new ArrayList<>();
            int firstIndex = chain.length();
            try (Progress progress = Progress.start("adding", files.size())) {
                for (String file : files) {
                    try {
                        S state = Formats.parse(chain.stateFormat(), CliIo.read(file, limits, "FILE"), limits,
                                "FILE " + file);
                        int before = chain.length();
                        int index = chain.add(state);
                        System.out.println(said(chain, before, index, file));
                        addedAs.add(index);
                    } catch (DeltaException e) {
                        throw stopped(e, added, addedAs, firstIndex, chain);
                    }
                    added.add(file);
                    progress.step(added.size());
                }
            }
        }

        /**
         * What adding one version did, policy included. The version is {@code index}, what the add returned:
         * another writer may have added versions since this command last looked ({@code before} versions).
         * Only a rebase or merge policy renumbers; then the line says which number the version would have had.
         */
        private static <S> String said(DeltaChain<S> chain, int before, int index, String file) {
            boolean renumbered = !(chain.policy() instanceof ChainPolicy.KeepAll) && index < before;
            int shown = renumbered ? before : index;
            String line = chain.deltaAt(index).map(d -> String.format(Locale.ROOT, "version %d: %s, %d -> %d bytes (%.1f:1)",
                    shown, d.strategyId(), d.rawSize(), d.wireSize(), d.compressionRatio()))
                    .orElse("version " + shown + ": base snapshot, " + file);
            if (renumbered && index == 0) {
                return "version " + before + ": " + file + "; rebase policy made it the only version: the chain restarts"
                        + " at version 0 (" + versions(0, before - 1) + " dropped)";
            }
            if (renumbered) {
                return line + "; merge policy folded " + versions(1, before - index + 1) + " into one: the chain now"
                        + " holds " + versions(0, index) + ", this one is version " + index;
            }
            return line;
        }

        /** The error that stopped the command, and which files it added and which it did not. */
        private DeltaException stopped(DeltaException e, List<String> added, List<Integer> addedAs, int firstIndex,
                                       DeltaChain<?> chain) {
            List<String> rest = files.subList(added.size(), files.size());
            int length = chain.length();
            // a rebase or merge policy renumbers: say what the chain holds, not which numbers were given; under
            // keep-all the numbers stand, whatever another writer added between them
            boolean renumbered = !(chain.policy() instanceof ChainPolicy.KeepAll) && length != firstIndex + added.size();
            String what = (added.isEmpty() ? "nothing was added" : "added " + String.join(", ", added)
                    + (renumbered ? "; the policy rewrote history and the chain now holds " + versions(0, length - 1)
                            : " as " + (addedAs.size() == 1 ? "version " : "versions ") + ranges(addedAs)))
                    + "; not added: " + String.join(", ", rest);
            if (e instanceof LimitExceededException limit) {
                return new LimitExceededException(limit.limit(), limit.actual(), limit.allowed(),
                        limit.description() + "; " + what, e);
            }
            return new DeltaException(e.getMessage() + "; " + what, e);
        }
    }

    @Command(name = "get", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = {"Write version INDEX (0 = base; negative counts from the end, -1 = current), or with"
                    + " --at TIME the newest version added at or before TIME.",
                    "A binary version is never written to a terminal: use -o FILE, or -o - to mean it."})
    static final class Get implements Callable<Integer> {
        @Mixin
        ChainDir chainDir;

        @Parameters(index = "1", paramLabel = "INDEX", arity = "0..1", description = "The version (or use --at).")
        Integer index;

        @Option(names = "--at", paramLabel = "TIME",
                description = "The last version (highest index) whose record's timestamp is at or before TIME:"
                        + " ISO-8601 (2026-11-30T12:00:00Z) or @SECONDS since the epoch. Version 0's time is not"
                        + " recorded (nor kept by rebaseline): ask for it by index.")
        String at;

        @Option(names = {"-o", "--output"}, paramLabel = "OUT",
                description = "Output file, outside DIR (default: standard output, unless it is a terminal and the"
                        + " version binary).")
        String output;

        @Option(names = "--pretty", description = "Indent JSON output.")
        boolean pretty;

        @Override
        public Integer call() {
            if ((index == null) == (at == null)) {
                throw new UsageException(index == null ? "give the version: INDEX, or --at TIME"
                        : "give INDEX or --at TIME, not both");
            }
            java.time.Instant time = at == null ? null : TimestampOption.parse(at, "--at");
            Output.check(output);
            Output.checkOutside(output, chainDir.dir);
            Output.write(output, get(chainDir.open(), time), "binary version " + (at == null ? index : "at " + at));
            return 0;
        }

        private <S> byte[] get(DeltaChain<S> chain, java.time.Instant time) {
            try {
                S state = time == null ? chain.stateAt(ChainCommand.index(chain, index)) : chain.stateAt(time);
                return Formats.render(chain.stateFormat(), state, pretty);
            } catch (DamagedVersionException e) {
                throw damaged(chainDir.dir, e);
            }
        }
    }

    @Command(name = "log", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = {"One line per version: index, snapshot mark, time, strategy, sizes, ratio.",
                    "SNAP is * for a version stored whole as a snapshot (version 0 and every --snapshot-every-th)."
                            + " Version 0 has no delta: its sizes are its snapshot's.",
                    "--json prints {\"length\", \"snapshotEvery\", \"versions\": [{\"index\", \"snapshot\","
                            + " \"timestamp\", \"strategy\", \"rawSize\", \"storedSize\", \"ratio\", \"damaged\"}]};"
                            + " version 0 has timestamp and strategy null; damaged is null or why the version cannot be"
                            + " read.",
                    "A damaged record's row (and the next one's when its base hash is kept in the damaged record: store"
                            + " format 4), and version 0's when its snapshot is damaged, says DAMAGED, with no"
                            + " sizes (none in --json); when a version cannot be read, a last column READS says no"
                            + " for it and for each that rebuilds through it, every such version is named on"
                            + " standard error, and the exit code is 1."})
    static final class Log implements Callable<Integer> {
        @Mixin
        ChainDir chainDir;

        @Option(names = "--json", description = "Print JSON instead of a table.")
        boolean json;

        @Override
        public Integer call() {
            DeltaChain<?> chain = chainDir.open();
            // The store lists the versions it holds snapshots of; that survives a merge's renumbering.
            SortedSet<Integer> snapshots = chain.store().snapshotIndices();
            SortedMap<Integer, String> damaged = new TreeMap<>(chain.damagedVersions());
            List<Optional<DeltaRecord>> records = new ArrayList<>();
            long deltaRaw = 0;
            int first = chain.firstIndex();
            for (int i = first; i < chain.length(); i++) {
                Optional<DeltaRecord> r = Optional.empty();
                try {
                    r = chain.deltaAt(i);
                } catch (DamagedVersionException e) {
                    damaged.putIfAbsent(i, e.getMessage());
                    records.add(null);
                    continue;
                }
                if (r.isEmpty() && damaged.containsKey(i)) { // a damaged base: its sizes are unknown, not 0
                    records.add(null);
                    continue;
                }
                records.add(r);
                deltaRaw += r.map(DeltaRecord::rawSize).orElse(0L);
            }
            // Metrics count every version's canonical bytes; what the deltas do not account for is
            // version 0's, which is stored whole (its snapshot).
            long baseSize = chain.metrics().rawBytes() - deltaRaw;
            List<Map<String, Object>> versions = new ArrayList<>();
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"INDEX", "SNAP", "TIME", "STRATEGY", "RAW", "STORED", "RATIO"});
            for (int i = first; i < chain.length(); i++) {
                Optional<DeltaRecord> r = records.get(i - first);
                if (r == null) {
                    Map<String, Object> v = new LinkedHashMap<>();
                    v.put("index", i);
                    v.put("snapshot", snapshots.contains(i));
                    v.put("damaged", damaged.get(i));
                    versions.add(v);
                    rows.add(new String[] {String.valueOf(i), snapshots.contains(i) ? "*" : "", "-", "DAMAGED", "-", "-",
                            "-"});
                    continue;
                }
                long raw = r.map(DeltaRecord::rawSize).orElse(baseSize);
                long stored = r.map(DeltaRecord::wireSize).orElse(baseSize);
                double ratio = r.map(DeltaRecord::compressionRatio).orElse(1.0);
                Map<String, Object> v = new LinkedHashMap<>();
                v.put("index", i);
                v.put("snapshot", snapshots.contains(i));
                v.put("timestamp", r.map(d -> d.timestamp().toString()).orElse(null));
                v.put("strategy", r.map(DeltaRecord::strategyId).orElse(null));
                v.put("rawSize", raw);
                v.put("storedSize", stored);
                v.put("ratio", ratio(ratio));
                v.put("damaged", damaged.get(i));
                versions.add(v);
                rows.add(new String[] {String.valueOf(i), snapshots.contains(i) ? "*" : "",
                        r.map(d -> d.timestamp().toString()).orElse("-"), r.map(DeltaRecord::strategyId).orElse("(base)"),
                        String.valueOf(raw), String.valueOf(stored), String.format(Locale.ROOT, "%.1f", ratio)});
            }
            if (!damaged.isEmpty()) {
                rows.set(0, append(rows.get(0), "READS"));
                for (int i = 1; i < rows.size(); i++) {
                    rows.set(i, append(rows.get(i), damaged.containsKey(first + i - 1) ? "no" : "yes"));
                }
            }
            if (json) {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("length", chain.length());
                out.put("first", first);
                out.put("snapshotEvery", chain.snapshotEvery());
                out.put("versions", versions);
                Tables.printJson(out);
            } else {
                Tables.print(rows);
            }
            return damaged.isEmpty() ? 0 : unreadable(chainDir.dir, damaged.keySet(), damaged.get(damaged.firstKey()));
        }
    }

    private static String[] append(String[] row, String cell) {
        String[] out = java.util.Arrays.copyOf(row, row.length + 1);
        out[row.length] = cell;
        return out;
    }

    static BigDecimal ratio(double ratio) {
        return BigDecimal.valueOf(ratio).setScale(2, RoundingMode.HALF_EVEN);
    }

    @Command(name = "verify", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = {"Re-check every CRC and hash; exit 1 on any fault. Prints NOTE lines (what is not a"
                    + " fault but worth knowing), then one FAULT line per fault, or 'ok: N versions verified'.",
                    "--json prints {\"ok\", \"versionsChecked\", \"faults\": [...], \"notes\": [...]}, the same"
                    + " exit code; a chain that cannot be opened at all gives ok false and its one fault."})
    static final class Verify implements Callable<Integer> {
        /** @return which file a fault that stops the chain from opening is in: the first one its message names */
        static String faultFile(String message) {
            String file = "manifest";
            int first = message.indexOf("manifest.json") < 0 ? Integer.MAX_VALUE : message.indexOf("manifest.json");
            for (String[] kind : new String[][] {{".didx", "index"}, {".dseg", "segment"}}) {
                int at = message.indexOf(kind[0]);
                if (at >= 0 && at < first) {
                    first = at;
                    file = kind[1];
                }
            }
            return file;
        }

        @Mixin
        ChainDir chainDir;

        @Option(names = "--json", description = "Print JSON instead of lines.")
        boolean json;

        @Override
        public Integer call() {
            Limits limits = chainDir.limits();
            DirectoryChainStore store = store(chainDir.dir, limits, ChainStore.DEFAULT_LOCK_TIMEOUT);
            ChainVerification v;
            try {
                v = Progress.timed("verifying", () -> DeltaChain.verify(store, Deltas.registry(), limits));
            } catch (CorruptDeltaException e) {
                // Without its manifest, index or segment header a chain cannot be read: nothing further to check.
                if (json) {
                    printJson(false, 0, List.of(faultFile(e.getMessage()) + ": " + e.getMessage()), List.of());
                } else {
                    System.out.println("FAULT " + faultFile(e.getMessage()) + ": " + e.getMessage());
                }
                throw new DeltaException("chain " + chainDir.dir + " failed verification: " + e.getMessage(), e);
            }
            if (json) {
                printJson(v.ok(), v.versionsChecked(), v.problems(), v.notes());
                if (!v.ok()) {
                    System.err.println("delta: chain " + chainDir.dir + " failed verification: " + v.problems().size()
                            + " fault(s)");
                }
                return v.ok() ? 0 : DeltaCommand.DELTA_ERROR;
            }
            v.notes().forEach(n -> System.out.println("NOTE " + n));
            if (v.ok()) {
                System.out.println("ok: " + v.versionsChecked() + " versions verified");
                return 0;
            }
            v.problems().forEach(p -> System.out.println("FAULT " + p));
            System.err.println("delta: chain " + chainDir.dir + " failed verification: " + v.problems().size() + " fault(s)");
            return DeltaCommand.DELTA_ERROR;
        }
    }

    private static void printJson(boolean ok, int checked, List<String> faults, List<String> notes) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ok", ok);
        out.put("versionsChecked", checked);
        out.put("faults", faults);
        out.put("notes", notes);
        Tables.printJson(out);
    }

    @Command(name = "metrics", mixinStandardHelpOptions = true, versionProvider = Version.class, description = "Print the chain's metrics.")
    static final class Metrics implements Callable<Integer> {
        @Mixin
        ChainDir chainDir;

        @Option(names = "--json", description = "Print JSON instead of text.")
        boolean json;

        @Override
        public Integer call() {
            DeltaChain<?> chain = chainDir.open();
            ChainMetrics m = chain.metrics();
            boolean known = m.uncountedVersions() == 0; // else raw bytes and ratio are unknown, not 0
            Map<String, Object> h = new LinkedHashMap<>();
            h.put("length", m.length());
            h.put("rebaselines", m.rebaselines());
            h.put("optimisations", m.optimisations());
            h.put("totalChanges", m.totalChanges());
            h.put("totalRemovals", m.totalRemovals());
            h.put("rawBytes", known ? m.rawBytes() : null);
            h.put("storedBytes", m.storedBytes());
            h.put("ratio", known ? ratio(m.ratio()) : null);
            h.put("uncountedVersions", m.uncountedVersions());
            h.put("snapshots", m.snapshots());
            h.put("longestReconstructionPath", m.longestReconstructionPath());
            if (json) {
                Tables.printJson(h);
            } else {
                Tables.printFields(h, 26);
            }
            SortedMap<Integer, String> damaged = chain.damagedVersions();
            return known || damaged.isEmpty() ? 0
                    : unreadable(chainDir.dir, damaged.keySet(), damaged.get(damaged.firstKey()));
        }
    }

    @Command(name = "compact", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = {"Rewrite the chain in place with another strategy, codec or level, in one atomic step:"
                    + " every version is rebuilt and hash-checked, its record made anew and checked to make it back,"
                    + " before anything is written. Versions keep their index and time; a chain with a version that"
                    + " cannot be read is left as it is (use 'delta chain salvage').",
                    "Without options it rewrites with the chain's own settings, in this build's format."})
    static final class Compact implements Callable<Integer> {
        @Mixin
        ChainDir chainDir;

        @Mixin
        LockTimeoutOption lock;

        @Option(names = {"-s", "--strategy"}, paramLabel = "ID", description = "The new strategy (default: the"
                + " chain's).")
        String strategy;

        @Option(names = {"-c", "--codec"}, paramLabel = "ID", description = "The new codec (default: the chain's).")
        String codec;

        @Option(names = {"-l", "--level"}, paramLabel = "N", description = "The new codec level (default: the"
                + " chain's, or the codec's when -c names another).")
        Integer level;

        @Override
        public Integer call() {
            strategyOption(strategy);
            if (codec != null) {
                Formats.codecOption(Deltas.registry(), codec);
            }
            return compact(chainDir.openForWriting(Clock.systemUTC(), lock));
        }

        private <S> int compact(DeltaChain<S> chain) {
            DeltaCompressor<S> source = chain.compressor();
            DeltaCompressor.Builder<S> into = DeltaCompressor.builder(chain.stateFormat())
                    .registry(source.registry()).limits(source.limits())
                    .strategy(strategy != null ? strategy : source.strategyId())
                    .codec(codec != null ? codec : source.codec().id());
            if (level != null || codec == null) {
                into.level(level != null ? level : source.level());
            }
            long before = chain.store().storedBytes();
            DeltaChain<S> compacted;
            try {
                compacted = chain.compact(into.build());
            } catch (DamagedVersionException e) {
                throw new DeltaException("nothing was compacted, the chain is left as it is: "
                        + damaged(chainDir.dir, e).getMessage());
            }
            DeltaCompressor<S> now = compacted.compressor();
            System.out.println("compacted " + versions(compacted.firstIndex(), compacted.length() - 1) + " of "
                    + chainDir.dir + ": "
                    + before + " -> " + compacted.store().storedBytes() + " bytes (strategy " + source.strategyId()
                    + " -> " + now.strategyId() + ", codec " + source.codec().id() + " " + source.level() + " -> "
                    + now.codec().id() + " " + now.level() + ")");
            return 0;
        }
    }

    @Command(name = "retain", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = {"Drop the oldest versions in one atomic step, keeping the last N (--keep-last) or those"
                    + " added after TIME (--newer-than), and always the newest. Indices do not move: the oldest"
                    + " version kept becomes the chain's first, stored whole (its own time is no longer recorded);"
                    + " the ones kept are replayed and hash-checked before anything is written.",
                    "Versions before the first are gone: 'chain get' and 'chain log' start at it. A chain with a"
                    + " version that cannot be read is left as it is (use 'delta chain salvage')."})
    static final class Retain implements Callable<Integer> {
        @Mixin
        ChainDir chainDir;

        @Mixin
        LockTimeoutOption lock;

        @Option(names = "--keep-last", paramLabel = "N", description = "Keep the newest N versions (N >= 1).")
        Integer keepLast;

        @Option(names = "--newer-than", paramLabel = "TIME", description = "Keep the versions added after TIME:"
                + " ISO-8601 (2026-11-30T12:00:00Z) or @SECONDS since the epoch.")
        String newerThan;

        @Override
        public Integer call() {
            if ((keepLast == null) == (newerThan == null)) {
                throw new UsageException(keepLast == null ? "say what to keep: --keep-last N or --newer-than TIME"
                        : "give --keep-last or --newer-than, not both");
            }
            if (keepLast != null && keepLast < 1) {
                throw new UsageException("--keep-last must be at least 1 (a chain keeps its newest version), not "
                        + keepLast);
            }
            java.time.Instant time = newerThan == null ? null : TimestampOption.parse(newerThan, "--newer-than");
            DeltaChain<?> chain = chainDir.openForWriting(Clock.systemUTC(), lock);
            int firstBefore = chain.firstIndex();
            long before = chain.store().storedBytes();
            int dropped;
            try {
                dropped = time == null ? chain.retainLast(keepLast) : chain.retainAfter(time);
            } catch (DamagedVersionException e) {
                throw new DeltaException("nothing was dropped, the chain is left as it is: "
                        + damaged(chainDir.dir, e).getMessage());
            }
            int length = chain.length();
            if (dropped == 0) {
                System.out.println("nothing to do: the chain in " + chainDir.dir + " holds " + versions(firstBefore,
                        length - 1) + (length == 0 ? "" : ", all of them kept"));
                return 0;
            }
            System.out.println("dropped " + versions(firstBefore, chain.firstIndex() - 1) + " of " + chainDir.dir
                    + "; it holds " + versions(chain.firstIndex(), length - 1) + ": " + before + " -> "
                    + chain.store().storedBytes() + " bytes");
            return 0;
        }
    }

    @Command(name = "rebaseline", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = "Make the newest version the only one, version 0; every older version is removed.")
    static final class Rebaseline implements Callable<Integer> {
        @Mixin
        ChainDir chainDir;

        @Mixin
        LockTimeoutOption lock;

        @Override
        public Integer call() {
            DeltaChain<?> chain = chainDir.openForWriting(Clock.systemUTC(), lock);
            int length = chain.length();
            int first = chain.firstIndex();
            if (length - first <= 1 && first == 0) {
                System.out.println("nothing to do: the chain in " + chainDir.dir + " holds " + versions(0, length - 1));
                return 0;
            }
            chain.rebaseline();
            System.out.println("version " + (length - 1) + " is now version 0, the only one; removed "
                    + (length - first <= 1 ? "no other version" : versions(first, length - 2)) + " from "
                    + chainDir.dir);
            return 0;
        }
    }

    @Command(name = "clear", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = {"Remove every version; the chain's configuration (strategy, codec, policy) is kept.",
                    "Asks nothing: without --yes it only says what it would remove."})
    static final class Clear implements Callable<Integer> {
        @Mixin
        ChainDir chainDir;

        @Option(names = "--yes", description = "Really remove every version (they cannot be recovered).")
        boolean yes;

        @Mixin
        LockTimeoutOption lock;

        @Override
        public Integer call() {
            DeltaChain<?> chain = chainDir.openForWriting(Clock.systemUTC(), lock);
            int length = chain.length();
            if (length == 0) {
                System.out.println("nothing to do: the chain in " + chainDir.dir + " holds no version");
                return 0;
            }
            int first = chain.firstIndex();
            if (!yes) {
                throw new UsageException("chain clear removes " + versions(first, length - 1) + " of " + chainDir.dir
                        + " for good; add --yes to do it");
            }
            chain.clear();
            System.out.println("removed " + versions(first, length - 1) + " from " + chainDir.dir + "; the chain is empty, its"
                    + " configuration kept");
            return 0;
        }
    }

    @Command(name = "add-record", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = {"Add the version a record REC produces from the newest version (as 'delta chain delta' or"
                    + " 'delta diff' writes it, binary or JSON).",
                    "REC must start from the newest version: a record made from another one is refused. Its index"
                            + " must be the chain's next version (or 0, as 'delta diff' writes it): a record that"
                            + " claims another version is refused unless --renumber is given."})
    static final class AddRecord implements Callable<Integer> {
        @Mixin
        ChainDir chainDir;

        @Parameters(index = "1", paramLabel = "REC", description = "The record file, or - for standard input.")
        String rec;

        @Option(names = "--renumber", description = "Add REC as the chain's next version whatever version its index"
                + " claims (a record 'delta chain delta' composed over several versions, or from a chain numbered"
                + " otherwise).")
        boolean renumber;

        @Mixin
        LockTimeoutOption lock;

        @Override
        public Integer call() {
            Limits limits = chainDir.limits();
            byte[] bytes = CliIo.read(rec, limits, "REC");
            DeltaRecord record = RecordFiles.read(bytes, "REC", rec, limits);
            DeltaChain<?> chain = chainDir.openForWriting(Clock.systemUTC(), lock);
            int index;
            try {
                index = renumber ? chain.appendRenumbered(record) : chain.append(record);
            } catch (DamagedVersionException e) {
                throw damaged(chainDir.dir, e);
            } catch (RecordIndexMismatchException e) {
                throw new RecordIndexMismatchException(e.claimedIndex(), e.expectedIndex(), "REC " + rec
                        + " claims to produce version " + e.claimedIndex() + ", but the chain in " + chainDir.dir
                        + " would add it as version " + e.expectedIndex() + " (its newest is " + (e.expectedIndex() - 1)
                        + "); add --renumber to add it as version " + e.expectedIndex() + " all the same");
            }
            System.out.println("version " + index + ": from record " + rec + " (" + record.strategyId() + ", "
                    + record.rawSize() + " bytes)");
            return 0;
        }
    }

    @Command(name = "delta", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = {"Write one record that takes version I to version J (negative counts from the end),"
                    + " for 'delta chain add-record' or 'delta apply' elsewhere.",
                    "Composed from the records between where the strategy can, otherwise the two versions diffed."})
    static final class Delta implements Callable<Integer> {
        @Mixin
        ChainDir chainDir;

        @Parameters(index = "1", paramLabel = "I", description = "The version the record starts from.")
        int from;

        @Parameters(index = "2", paramLabel = "J", description = "The version it produces.")
        int to;

        @Option(names = {"-o", "--output"}, paramLabel = "REC",
                description = "Output file, outside DIR (default: standard output; a binary record never to a"
                        + " terminal).")
        String output;

        @Option(names = "--json", description = "Write the record's JSON form (text: header fields, payload in"
                + " base64), which 'delta chain add-record' and 'delta apply' read too.")
        boolean json;

        @Override
        public Integer call() {
            Output.check(output);
            Output.checkOutside(output, chainDir.dir);
            if (!json) {
                Output.refuseTerminal(output, "a binary record");
            }
            DeltaChain<?> chain = chainDir.open();
            try {
                DeltaRecord record = chain.deltaBetween(index(chain, from), index(chain, to));
                Output.write(output, json ? Formats.withNewline(record.toJson().getBytes(
                        java.nio.charset.StandardCharsets.UTF_8)) : record.toBytes(), "a binary record");
            } catch (DamagedVersionException e) {
                throw damaged(chainDir.dir, e);
            }
            return 0;
        }
    }

    @Command(name = "salvage", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = {"Copy every readable version of the chain in DIR into a new chain in NEW, oldest first, with"
                    + " the same settings (or those -s, -c and -l give) and each version's timestamp; versions that"
                    + " cannot be read are left out (and the later ones renumbered). The copy numbers its versions from"
                    + " 0, also for a chain that retention shortened."
                    + " When the manifest or index is unusable, or with --from-frames, the versions are read from the"
                    + " segment's frames alone.",
                    "Exit code 1 when a version was left out or the versions were read from the frames alone; NEW holds"
                    + " the rest."})
    static final class Salvage implements Callable<Integer> {
        @Mixin
        ChainDir chainDir;

        @Parameters(index = "1", paramLabel = "NEW", description = "A new or empty directory for the copy.")
        Path target;

        @Option(names = "--from-frames", description = "Read the versions from the segment's frames alone, even when"
                + " the index is sound: this also copies whole versions past the index's last entry, which 'chain"
                + " verify' notes and the next write drops.")
        boolean fromFrames;

        @Option(names = {"-s", "--strategy"}, paramLabel = "ID", description = "The copy's strategy (default: the"
                + " chain's; auto when its manifest cannot be read, as the frames name only each record's).")
        String strategy;

        @Option(names = {"-c", "--codec"}, paramLabel = "ID", description = "The copy's codec (default: the chain's).")
        String codec;

        @Option(names = {"-l", "--level"}, paramLabel = "N", description = "The copy's codec level (default: the"
                + " chain's, or the codec's when -c names another).")
        Integer level;

        @Override
        public Integer call() {
            checkTarget("NEW", target, chainDir.dir, "the copy");
            strategyOption(strategy);
            if (codec != null) {
                Formats.codecOption(Deltas.registry(), codec);
            }
            Readable readable = readable(chainDir, fromFrames);
            return readable.finish(chainDir.dir, salvage(readable.chain()));
        }

        private <S> SortedMap<Integer, String> salvage(DeltaChain<S> chain) {
            DeltaCompressor<S> source = chain.compressor();
            VersionClock clock = new VersionClock();
            DeltaCompressor.Builder<S> compressor = DeltaCompressor.builder(chain.stateFormat())
                    .registry(source.registry()).limits(source.limits()).clock(clock)
                    .strategy(strategy != null ? strategy : source.strategyId())
                    .codec(codec != null ? codec : source.codec().id());
            if (level != null || codec == null) {
                compressor.level(level != null ? level : source.level());
            }
            DeltaChain<S> copy = DeltaChain.builder(chain.stateFormat()).compressor(compressor.build())
                    .policy(chain.policy()).snapshotEvery(chain.snapshotEvery())
                    .store(new DirectoryChainStore(target, chainDir.limits())).build();
            SortedMap<Integer, String> lost = eachReadable(chain, (i, state) -> {
                clock.at(timestamp(chain, i));
                copy.add(state);
            });
            int first = chain.firstIndex();
            System.out.println("salvaged " + copy.length() + " of " + chain.versionsHeld() + " versions"
                    + (first == 0 ? "" : " (" + versions(first, chain.length() - 1) + ": retention dropped the ones"
                    + " before; the copy numbers them from 0)") + " into " + target
                    + (lost.isEmpty() ? "" : "; left out: " + ranges(lost.keySet())));
            return lost;
        }
    }

    /** @return when version {@code i} was added, null for version 0 or when its record does not read (a snapshot's) */
    private static Instant timestamp(DeltaChain<?> chain, int i) {
        try {
            return i == 0 ? null : chain.deltaAt(i).map(DeltaRecord::timestamp).orElse(null);
        } catch (DamagedVersionException e) {
            return null;
        }
    }

    private static boolean isEmpty(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findFirst().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    /** A clock that reads the timestamp of the version being copied (now for version 0, which has none). */
    static final class VersionClock extends Clock {
        private Instant at;

        void at(Instant instant) {
            this.at = instant;
        }

        @Override
        public Instant instant() {
            return at != null ? at : Instant.now();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = {"Write every readable version as a file in OUTDIR: 000000000.json (.txt for text, .bin for"
                    + " bytes) and on, canonical JSON for JSON chains. When the manifest or index is unusable, the"
                    + " versions are read from the segment's frames alone.",
                    "Exit code 1 when a version cannot be read or the versions were read from the frames alone; the"
                    + " others are written."})
    static final class Export implements Callable<Integer> {
        @Mixin
        ChainDir chainDir;

        @Parameters(index = "1", paramLabel = "OUTDIR", description = "A new or empty directory.")
        Path target;

        @Override
        public Integer call() {
            checkTarget("OUTDIR", target, chainDir.dir, "the exported files");
            Readable readable = readable(chainDir);
            return readable.finish(chainDir.dir, export(readable.chain()));
        }

        private <S> SortedMap<Integer, String> export(DeltaChain<S> chain) {
            StateFormat<S> format = chain.stateFormat();
            String extension = Formats.isJson(format) ? "json" : format.id().equals("utf8-text") ? "txt" : "bin";
            try {
                Files.createDirectories(target);
            } catch (IOException e) {
                throw new DeltaException("cannot create " + target + ": " + e.getMessage(), e);
            }
            SortedMap<Integer, String> lost = eachReadable(chain, (i, state) -> CliIo.write(
                    target.resolve(String.format(Locale.ROOT, "%09d.%s", i, extension)).toString(),
                    Formats.render(format, state, false)));
            System.out.println("exported " + (chain.versionsHeld() - lost.size()) + " of " + chain.versionsHeld()
                    + " versions" + (chain.firstIndex() == 0 ? "" : " (" + versions(chain.firstIndex(), chain.length() - 1)
                    + ", named by their indices)") + " to "
                    + target + (lost.isEmpty() ? "" : "; not written: " + ranges(lost.keySet())));
            return lost;
        }
    }

    /**
     * The chain salvage and export read: the chain itself, or, when its manifest or index is unusable (damaged,
     * empty, deleted, a bad header), the versions read from its newest segment's frames alone
     * ({@link DirectoryChainStore#scanSegment}). {@code fromFrames}: read so; the command then exits 1, as
     * the chain is damaged and the frames alone cannot prove that no version is missing.
     */
    record Readable(DeltaChain<?> chain, String fromFrames) {
        /**
         * Ends salvage or export with one error line when the chain is damaged: how the frames were read (when
         * they were), then the versions that were lost.
         *
         * @return the exit code
         */
        int finish(Path dir, SortedMap<Integer, String> lost) {
            if (fromFrames == null) {
                return lost.isEmpty() ? 0 : unreadable(dir, lost.keySet(), lost.get(lost.firstKey()));
            }
            System.err.println(fromFrames + (lost.isEmpty() ? "" : "; " + (lost.size() == 1 ? "version " : "versions ")
                    + ranges(lost.keySet()) + " cannot be read (" + lost.get(lost.firstKey()) + ")"));
            return DeltaCommand.DELTA_ERROR;
        }
    }

    /**
     * @return the chain in {@code chainDir}, or the versions its newest segment's frames hold when it does not
     *     open; then each run of bytes skipped and each setting's origin are lines on stdout, what the command
     *     prints after them says what it copied, and {@link Readable#finish} the one error line
     */
    static Readable readable(ChainDir chainDir) {
        return readable(chainDir, false);
    }

    /** As {@link #readable(ChainDir)}; {@code fromFrames}: read the segment's frames alone, whatever the index says. */
    static Readable readable(ChainDir chainDir, boolean fromFrames) {
        try {
            if (fromFrames) {
                throw new DeltaException("--from-frames was given");
            }
            return new Readable(chainDir.open(), null);
        } catch (DeltaException unusable) {
            DirectoryChainStore.SegmentScan scan;
            try {
                scan = DirectoryChainStore.scanSegment(chainDir.dir, chainDir.limits());
            } catch (DeltaException none) {
                unusable.addSuppressed(none);
                throw unusable;
            }
            for (DirectoryChainStore.SkippedBytes gap : scan.skipped()) {
                System.out.println("skipped: " + gap.describe());
            }
            for (String setting : scan.settings()) {
                System.out.println("setting: " + setting);
            }
            String note = "delta: chain " + chainDir.dir + " was read from the frames of " + scan.segment()
                    + " alone, " + (fromFrames ? "as --from-frames asks" : "as its manifest or index cannot be used ("
                    + unusable.getMessage().strip().replace('\n', ' ') + ")") + ": "
                    + scan.versions() + " versions found"
                    + (scan.skipped().isEmpty() ? "" : ", " + scan.skipped().size() + " run" + (scan.skipped().size() == 1
                    ? "" : "s") + " of bytes skipped (listed above)")
                    + (scan.stopped() == null ? ", the segment read to its end"
                    : "; the scan stopped at " + scan.stopped() + ", so versions after it may be missing")
                    + (fromFrames ? "; exit code 1, as the frames alone cannot prove that no version is missing"
                    : "; exit code 1, as the chain is damaged");
            DeltaRegistry registry = Deltas.registry();
            ChainManifest m = scan.store().readManifest().orElseThrow();
            return new Readable(openStore(scan.store(), registry, registry.stateFormat(m.stateFormatId()),
                    chainDir.limits()), note);
        }
    }

    private static <S> DeltaChain<S> openStore(ChainStore store, DeltaRegistry registry, StateFormat<S> format,
                                               Limits limits) {
        return DeltaChain.open(store, registry, format, limits, Clock.systemUTC());
    }

    /** A new or empty directory outside the chain's for salvage and export. */
    static void checkTarget(String role, Path target, Path dir, String forWhat) {
        Init.checkNewOrEmpty(target, forWhat);
        if (CliIo.inside(target.toString(), dir)) {
            throw new UsageException(role + " " + target + " is inside the chain's directory " + dir);
        }
    }

    /**
     * Hands every version that reads to {@code each}, oldest first.
     *
     * @return the versions that do not read, with why
     */
    static <S> SortedMap<Integer, String> eachReadable(DeltaChain<S> chain, BiConsumer<Integer, S> each) {
        SortedMap<Integer, String> lost = new TreeMap<>();
        for (int i = chain.firstIndex(); i < chain.length(); i++) {
            S state;
            try {
                state = chain.stateAt(i);
            } catch (DamagedVersionException e) {
                lost.put(i, e.reason());
                continue;
            }
            each.accept(i, state);
        }
        return lost;
    }

    /** The {@code DIR} of every command on an existing chain, and the chain in it. */
    static final class ChainDir {
        @Spec(Spec.Target.MIXEE)
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "DIR", description = "The chain's directory.")
        Path dir;

        Limits limits() {
            return CommonOptions.limits(spec);
        }

        /** @return the chain, for a command that only reads it (readers never take the lock) */
        DeltaChain<?> open() {
            return ChainCommand.open(dir, limits(), Clock.systemUTC(), ChainStore.DEFAULT_LOCK_TIMEOUT);
        }

        /** @return the chain, whose writes stamp records by {@code clock} and wait for the lock as {@code lock} says */
        DeltaChain<?> openForWriting(Clock clock, LockTimeoutOption lock) {
            return ChainCommand.open(dir, limits(), clock, lock.timeout());
        }
    }
}
