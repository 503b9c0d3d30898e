package io.deltachain.bench;

import io.deltachain.api.DeltaRegistry;
import io.deltachain.core.ChainStore;
import io.deltachain.core.DeltaChain;
import io.deltachain.core.DeltaCompressor;
import io.deltachain.core.DirectoryChainStore;
import io.deltachain.core.FsyncPolicy;
import io.deltachain.api.StateFormats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Chain size and random reads on the generated histories ({@link Histories}), beside git and Mercurial
 * holding the same files in the same run (issue 23's measurement): the chain is made from the version
 * files with {@code delta chain init DIR -s auto} and one {@code delta chain add DIR v*}; its bytes on
 * disk are the sum of the sizes of the chain directory's files; git makes one commit per version, then
 * {@code git gc --aggressive} (the pack's bytes); Mercurial one commit per version (its store's
 * {@code data/} files, the file revlog). Reads open the chain in this JVM (a fresh one: it has done
 * nothing else with chains), make 20 untimed reads of other versions, then read 50 versions sampled
 * with a fixed seed once each, every state checked against its file.
 *
 * <pre>java -cp delta-bench/target/benchmarks.jar io.deltachain.bench.ChainHistoryReport [json|text ...]</pre>
 * Run from the repository root after {@code mvn -B -q package -DskipTests -pl delta-bench,delta-cli -am}
 * (the launcher is {@code ./delta}, or {@code -Ddeltachain.launcher=PATH}); work files go under
 * {@code delta-bench/target/histories} ({@code -Ddeltachain.bench.histories=DIR}). A peer that is not
 * installed is reported as missing. {@code -Ddeltachain.bench.strategy=ID} makes the chain with another
 * strategy than {@code auto}; {@code -Ddeltachain.bench.versions=N} shortens the histories;
 * {@code -Ddeltachain.bench.peers=false} leaves git and Mercurial out (a quick look at the chain alone).
 */
public final class ChainHistoryReport {
    private static final String LAUNCHER = System.getProperty("deltachain.launcher", "./delta");
    private static final int VERSIONS = Integer.getInteger("deltachain.bench.versions", 1000);
    private static final String STRATEGY = System.getProperty("deltachain.bench.strategy", "auto");
    private static final int WARM_READS = 20;
    private static final int READS = 50;
    /** {@code -Ddeltachain.bench.peers=false}: the chain alone (git and Mercurial reported as not run). */
    private static final boolean PEERS = Boolean.parseBoolean(System.getProperty("deltachain.bench.peers", "true"));

    private ChainHistoryReport() {
    }

    public static void main(String[] args) throws Exception {
        List<String> kinds = args.length == 0 ? List.of("json", "text") : Arrays.asList(args);
        Path root = Path.of(System.getProperty("deltachain.bench.histories", "delta-bench/target/histories"));
        List<String[]> rows = new ArrayList<>();
        for (String kind : kinds) {
            List<Path> files = Histories.write(kind, VERSIONS, root.resolve(kind));
            long raw = 0;
            for (Path f : files) {
                raw += Files.size(f);
            }
            Path chain = root.resolve(kind + "-chain-" + STRATEGY);
            delete(chain);
            run(List.of(LAUNCHER, "chain", "init", chain.toString(), "-s", STRATEGY));
            List<String> add = new ArrayList<>(List.of(LAUNCHER, "chain", "add", chain.toString()));
            files.forEach(f -> add.add(f.toString()));
            long start = System.nanoTime();
            run(add);
            double addSeconds = (System.nanoTime() - start) / 1e9;
            long chainBytes = bytes(chain);
            double[] reads = reads(chain, files);
            double[] appendsPerSecond = appends(root.resolve(kind + "-append-text"), files);
            Long git = PEERS ? git(root.resolve(kind + "-git"), files) : null;
            Long hg = PEERS ? hg(root.resolve(kind + "-hg"), files) : null;
            rows.add(new String[] {kind, String.format(Locale.ROOT, "%,d", files.size()),
                    String.format(Locale.ROOT, "%,d", raw), "`delta chain` -s " + STRATEGY,
                    String.format(Locale.ROOT, "%,d", chainBytes), String.format(Locale.ROOT, "%.1f", addSeconds),
                    String.format(Locale.ROOT, "%.2f / %.2f", reads[0], reads[1]),
                    String.format(Locale.ROOT, "%.0f (first pass %.0f)", appendsPerSecond[1],
                            appendsPerSecond[0]),
                    git == null ? (PEERS ? "missing" : "not run") : String.format(Locale.ROOT, "%,d", git),
                    hg == null ? (PEERS ? "missing" : "not run") : String.format(Locale.ROOT, "%,d", hg),
                    git == null ? "–" : String.format(Locale.ROOT, "%.1f %%", 100.0 * chainBytes / git),
                    hg == null ? "–" : String.format(Locale.ROOT, "%.1f %%", 100.0 * chainBytes / hg)});
        }
        System.out.println("| history | versions | bytes of all versions | chain | chain bytes on disk | add s (one"
                + " process) | read ms median / worst | appends/s in process (-s text, fsync every 100; second pass) |"
                + " git pack bytes (gc --aggressive) | Mercurial revlog bytes |"
                + " chain / git | chain / Mercurial |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (String[] r : rows) {
            System.out.println("| " + String.join(" | ", r) + " |");
        }
    }

    /** @return the median and worst of {@value #READS} timed reads, in milliseconds */
    private static double[] reads(Path chain, List<Path> files) throws IOException {
        DeltaChain<byte[]> c = DeltaChain.open(new DirectoryChainStore(chain), DeltaRegistry.load(),
                StateFormats.bytes());
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < WARM_READS; i++) {
            c.stateAt(random.nextInt(files.size()));
        }
        double[] ms = new double[READS];
        for (int i = 0; i < READS; i++) {
            int v = random.nextInt(files.size());
            long t = System.nanoTime();
            byte[] state = c.stateAt(v);
            ms[i] = (System.nanoTime() - t) / 1e6;
            if (!Arrays.equals(state, Files.readAllBytes(files.get(v)))) {
                throw new IllegalStateException("version " + v + " read back differs from " + files.get(v));
            }
        }
        Arrays.sort(ms);
        return new double[] {(ms[READS / 2 - 1] + ms[READS / 2]) / 2, ms[READS - 1]};
    }

    /**
     * Appends every version in this JVM to a new chain with strategy {@code text} on bytes and
     * {@code FsyncPolicy.everyRecords(100)}, as an application would ({@code DeltaChain.add}, each add with
     * its read-back check and the writer lock); the files are read before the clock starts. Twice, each time
     * to a new chain: the first pass is the JVM's warm-up (its rate is reported too), the second the steady
     * state, as JMH would measure it.
     *
     * @return versions appended per second, the first one of each pass (the chain's creation) left out:
     *     {@code {first pass, second pass}}
     */
    private static double[] appends(Path dir, List<Path> files) throws IOException {
        List<byte[]> states = new ArrayList<>(files.size());
        for (Path f : files) {
            states.add(Files.readAllBytes(f));
        }
        double[] rates = new double[2];
        for (int pass = 0; pass < 2; pass++) {
            delete(dir);
            DeltaCompressor<byte[]> text = DeltaCompressor.builder(StateFormats.bytes())
                    .registry(DeltaRegistry.load()).strategy("text").build();
            DirectoryChainStore store = new DirectoryChainStore(dir, text.limits(), FsyncPolicy.everyRecords(100),
                    ChainStore.DEFAULT_LOCK_TIMEOUT);
            DeltaChain<byte[]> chain = DeltaChain.builder(StateFormats.bytes()).compressor(text).store(store)
                    .build();
            chain.add(states.get(0));
            long start = System.nanoTime();
            for (int i = 1; i < states.size(); i++) {
                chain.add(states.get(i));
            }
            rates[pass] = (states.size() - 1) / ((System.nanoTime() - start) / 1e9);
        }
        delete(dir);
        return rates;
    }

    private static Long git(Path dir, List<Path> files) throws Exception {
        if (!Files.isExecutable(Path.of("/usr/bin/git"))) {
            return null;
        }
        delete(dir);
        Files.createDirectories(dir);
        Map<String, String> env = Map.of("GIT_AUTHOR_NAME", "bench", "GIT_AUTHOR_EMAIL", "bench@example.com",
                "GIT_COMMITTER_NAME", "bench", "GIT_COMMITTER_EMAIL", "bench@example.com",
                "GIT_AUTHOR_DATE", "2026-12-03T00:00:00Z", "GIT_COMMITTER_DATE", "2026-12-03T00:00:00Z");
        run(dir, env, List.of("git", "init", "-q"));
        String name = "state" + extension(files.get(0));
        for (Path f : files) {
            Files.copy(f, dir.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            run(dir, env, List.of("git", "add", name));
            run(dir, env, List.of("git", "commit", "-q", "-m", f.getFileName().toString()));
        }
        run(dir, env, List.of("git", "gc", "-q", "--aggressive", "--prune=now"));
        long total = 0;
        try (Stream<Path> packs = Files.list(dir.resolve(".git/objects/pack"))) {
            for (Path p : packs.filter(p -> p.toString().endsWith(".pack")).toList()) {
                total += Files.size(p);
            }
        }
        return total;
    }

    private static Long hg(Path dir, List<Path> files) throws Exception {
        if (!Files.isExecutable(Path.of("/usr/bin/hg"))) {
            return null;
        }
        delete(dir);
        Files.createDirectories(dir);
        Map<String, String> env = Map.of("HGUSER", "bench", "HGPLAIN", "1");
        run(dir, env, List.of("hg", "init"));
        String name = "state" + extension(files.get(0));
        boolean added = false;
        for (Path f : files) {
            Files.copy(f, dir.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            if (!added) {
                run(dir, env, List.of("hg", "add", "-q", name));
                added = true;
            }
            run(dir, env, List.of("hg", "commit", "-q", "-m", f.getFileName().toString()));
        }
        return bytes(dir.resolve(".hg/store/data"));
    }

    private static String extension(Path f) {
        String n = f.getFileName().toString();
        return n.substring(n.lastIndexOf('.'));
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        run(Path.of("."), Map.of(), command);
    }

    private static void run(Path dir, Map<String, String> env, List<String> command)
            throws IOException, InterruptedException {
        ProcessBuilder b = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        b.environment().putAll(env);
        Process p = b.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command.subList(0, Math.min(4, command.size())))
                    + " ... exited " + p.exitValue() + ": " + new String(out));
        }
    }

    private static long bytes(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            long total = 0;
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                total += Files.size(p);
            }
            return total;
        }
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
