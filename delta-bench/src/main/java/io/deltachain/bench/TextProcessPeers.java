package io.deltachain.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Whole processes on the text benchmark's inputs ({@link TextPairs}), as from a shell, JVM start-up
 * included: {@code delta diff -s text --raw OLD NEW -o P} through the {@code ./delta} launcher (as it
 * is, and with {@code DELTA_CDS=off}, without its class-data-sharing archive), GNU {@code diff -u}, and
 * a java-diff-utils process ({@link DiffUtilsMain}). Best of N wall and CPU (user + system) times after an
 * untimed run, peak RSS through {@code /usr/bin/time}; then the patches' line counts, and whether GNU
 * {@code patch} turns OLD into NEW with ours. Prints a Markdown table.
 *
 * <pre>java -cp delta-bench/target/benchmarks.jar io.deltachain.bench.TextProcessPeers [runs [slow-runs]] [pair...]</pre>
 * Run from the repository root; {@code slow-runs} (default 1) is for java-diff-utils, which takes
 * seconds to minutes a run where the others take a fraction of a second.
 */
public final class TextProcessPeers {
    private static final String LAUNCHER = System.getProperty("deltachain.launcher", "./delta");

    private TextProcessPeers() {
    }

    /**
     * @param args runs per command (default 5), runs of java-diff-utils (default 1), then pair names
     *     (default lines-100k lines-1m unrelated-30k)
     * @throws Exception when a process cannot start or fails
     */
    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int slowRuns = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        List<String> pairs = args.length > 2 ? Arrays.asList(args).subList(2, args.length)
                : List.of("lines-100k", "lines-1m", "unrelated-30k");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = Path.of(TextProcessPeers.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        Path dir = Files.createTempDirectory("deltachain-text-peers");
        System.out.println("| pair | tool | wall s (best) | CPU s, user + sys (best) | runs | peak RSS MB | patch lines"
                + " | patch bytes |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        List<String> checks = new ArrayList<>();
        for (String name : pairs) {
            byte[][] files = TextPairs.named(name);
            String o = Files.write(dir.resolve(name + ".old"), files[0]).toString();
            String n = Files.write(dir.resolve(name + ".new"), files[1]).toString();
            Path ours = dir.resolve(name + ".ours.diff");
            Path gnu = dir.resolve(name + ".gnu.diff");
            Path jdu = dir.resolve(name + ".jdu.diff");
            List<String> delta = List.of(LAUNCHER, "diff", "-s", "text", "--raw", o, n, "-o", ours.toString());
            tool(name, "ours: delta diff -s text --raw", runs, delta, Map.of(), null, 0, ours);
            tool(name, "ours, DELTA_CDS=off (no class-data archive)", runs, delta, Map.of("DELTA_CDS", "off"), null, 0,
                    ours);
            tool(name, "GNU diff -u", runs, List.of("diff", "-u", o, n), Map.of(), gnu, 1, gnu);
            tool(name, "java-diff-utils 4.12 process (Myers)", slowRuns,
                    List.of(java, "-cp", cp, DiffUtilsMain.class.getName(), o, n, jdu.toString()), Map.of(), null, 0, jdu);
            Path out = dir.resolve(name + ".patched");
            ProcessPeers.run(List.of("patch", "-s", "-o", out.toString(), o, ours.toString()), Map.of(), null, 0);
            boolean exact = Arrays.equals(files[1], Files.readAllBytes(out));
            checks.add(String.format(Locale.ROOT, "%s: ours %,d lines, GNU diff -u %,d lines; GNU patch applies ours"
                    + " exactly: %s", name, lines(ours), lines(gnu), exact ? "yes" : "NO"));
        }
        System.out.println();
        checks.forEach(System.out::println);
    }

    private static void tool(String pair, String tool, int runs, List<String> command, Map<String, String> env,
                             Path stdout, int highestExitCode, Path patch) throws IOException, InterruptedException {
        ProcessPeers.run(command, env, stdout, highestExitCode); // untimed: file cache, class-data archive
        double best = Double.MAX_VALUE;
        double bestCpu = Double.MAX_VALUE;
        long rss = 0;
        for (int i = 0; i < runs; i++) {
            ProcessPeers.Result r = ProcessPeers.run(command, env, stdout, highestExitCode);
            best = Math.min(best, r.seconds());
            bestCpu = Math.min(bestCpu, r.cpuSeconds());
            rss = Math.max(rss, r.rssKb());
        }
        System.out.printf(Locale.ROOT, "| %s | %s | %.3f | %.2f | %d | %s | %,d | %,d |%n", pair, tool, best, bestCpu,
                runs, rss > 0 ? String.valueOf(rss / 1024) : "-", lines(patch), Files.size(patch));
    }

    private static long lines(Path file) throws IOException {
        long n = 0;
        for (byte b : Files.readAllBytes(file)) {
            if (b == '\n') {
                n++;
            }
        }
        return n;
    }
}
