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
 * Whole processes side by side, as a user runs them from a shell: our {@code delta diff -s bsdiff
 * --raw} (JVM start-up included), a jbsdiff process, and, where installed, bsdiff/bspatch 4.3 and
 * {@code xdelta3 -9}. Prints a Markdown table of best-of-N wall times (and peak RSS through
 * {@code /usr/bin/time} when present), patch sizes, and whether each patch applied back exactly.
 *
 * <pre>java -cp delta-bench/target/benchmarks.jar io.deltachain.bench.ProcessPeers [runs] [pair...]</pre>
 * Run from the repository root (the launcher is {@code ./delta}, or {@code -Ddeltachain.launcher=PATH}).
 */
public final class ProcessPeers {
    private static final String LAUNCHER = System.getProperty("deltachain.launcher", "./delta");
    private static final boolean TIME = Files.isExecutable(Path.of("/usr/bin/time"));

    private ProcessPeers() {
    }

    /**
     * @param args runs per command (default 3), then pair names (default structured-16m release-tar)
     * @throws Exception when a process cannot start
     */
    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        List<String> pairs = args.length > 1 ? Arrays.asList(args).subList(1, args.length)
                : List.of("structured-16m", "release-tar");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = Path.of(ProcessPeers.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        Path dir = Files.createTempDirectory("deltachain-peers");
        System.out.println("| pair | tool | diff s (best of " + runs + ") | diff peak RSS MB | patch bytes | apply s | applied exactly |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (String name : pairs) {
            byte[][] files = Pairs.named(name);
            Path oldFile = Files.write(dir.resolve(name + ".old"), files[0]);
            Path newFile = Files.write(dir.resolve(name + ".new"), files[1]);
            String o = oldFile.toString();
            String n = newFile.toString();
            String p = dir.resolve(name + ".patch").toString();
            String out = dir.resolve(name + ".out").toString();
            tool(name, "ours: delta diff -s bsdiff --raw", runs, newFile,
                    List.of(LAUNCHER, "diff", "-s", "bsdiff", "--raw", o, n, "-o", p),
                    List.of(LAUNCHER, "apply", "--raw", "-s", "bsdiff", o, p, "-o", out), p, out);
            tool(name, "jbsdiff 1.0 process", runs, newFile,
                    List.of(java, "-cp", cp, "io.sigpipe.jbsdiff.ui.CLI", "diff", o, n, p),
                    List.of(java, "-cp", cp, "io.sigpipe.jbsdiff.ui.CLI", "patch", o, out, p), p, out);
            if (Files.isExecutable(Path.of("/usr/bin/bsdiff"))) {
                tool(name, "bsdiff/bspatch 4.3", runs, newFile, List.of("/usr/bin/bsdiff", o, n, p),
                        List.of("/usr/bin/bspatch", o, out, p), p, out);
            }
            tool(name, "ours: delta diff -s zstd-patch --raw (level 12)", runs, newFile,
                    List.of(LAUNCHER, "diff", "-s", "zstd-patch", "--raw", o, n, "-o", p),
                    List.of(LAUNCHER, "apply", "--raw", "-s", "zstd-patch", o, p, "-o", out), p, out);
            if (Files.isExecutable(Path.of("/usr/bin/zstd"))) {
                for (String level : List.of("3", "19")) {
                    tool(name, "zstd -" + level + " --patch-from", runs, newFile,
                            List.of("/usr/bin/zstd", "-q", "-f", "-" + level, "--patch-from=" + o, n, "-o", p),
                            List.of("/usr/bin/zstd", "-q", "-d", "-f", "--patch-from=" + o, p, "-o", out), p, out);
                }
            }
            if (Files.isExecutable(Path.of("/usr/bin/xdelta3"))) {
                tool(name, "xdelta3 -9 (VCDIFF)", runs, newFile, List.of("/usr/bin/xdelta3", "-9", "-e", "-f", "-s", o, n, p),
                        List.of("/usr/bin/xdelta3", "-d", "-f", "-s", o, p, out), p, out);
            }
        }
    }

    private static void tool(String pair, String tool, int runs, Path expected, List<String> diff, List<String> apply,
                             String patch, String out) throws IOException, InterruptedException {
        run(diff); // untimed: warms the file cache, and builds ./delta if it was never built
        double best = Double.MAX_VALUE;
        long rss = 0;
        for (int i = 0; i < runs; i++) {
            Result r = run(diff);
            best = Math.min(best, r.seconds);
            rss = Math.max(rss, r.rssKb);
        }
        long size = Files.size(Path.of(patch));
        double bestApply = Double.MAX_VALUE;
        for (int i = 0; i < runs; i++) {
            bestApply = Math.min(bestApply, run(apply).seconds);
        }
        boolean exact = Arrays.equals(Files.readAllBytes(expected), Files.readAllBytes(Path.of(out)));
        System.out.printf(Locale.ROOT, "| %s | %s | %.2f | %s | %,d | %.2f | %s |%n", pair, tool, best,
                rss > 0 ? String.valueOf(rss / 1024) : "-", size, bestApply, exact ? "yes" : "NO");
    }

    /**
     * One process's wall time, peak resident set and CPU time (user + system), the last two 0 when
     * {@code /usr/bin/time} is missing. CPU time says more than wall time on a machine other work shares.
     */
    record Result(double seconds, long rssKb, double cpuSeconds) {
    }

    private static Result run(List<String> command) throws IOException, InterruptedException {
        return run(command, Map.of(), null, 0);
    }

    /**
     * Runs a command to its end and times it.
     *
     * @param command the command
     * @param env variables added to this process's environment
     * @param stdout where standard output goes (a file), or null to read and drop it with standard error
     * @param highestExitCode the highest exit code that means success (1 for diff, whose 1 says "files differ")
     * @return its time and peak memory
     * @throws IllegalStateException when it exits with a higher code
     */
    static Result run(List<String> command, Map<String, String> env, Path stdout, int highestExitCode)
            throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        Path rssFile = Files.createTempFile("rss", ".txt");
        if (TIME) {
            full.addAll(List.of("/usr/bin/time", "-f", "%M %U %S", "-o", rssFile.toString()));
        }
        full.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(full);
        builder.environment().putAll(env);
        if (stdout != null) {
            builder.redirectOutput(stdout.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT);
        } else {
            builder.redirectErrorStream(true);
        }
        long start = System.nanoTime();
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        int code = process.waitFor();
        double seconds = (System.nanoTime() - start) / 1e9;
        if (code < 0 || code > highestExitCode) {
            throw new IllegalStateException(String.join(" ", command) + " exited " + code + ": " + new String(output));
        }
        long rss = 0;
        double cpu = 0;
        if (TIME) {
            String last = Files.readString(rssFile).trim().lines().reduce((a, b) -> b).orElse("").trim();
            String[] fields = last.split(" ");
            if (fields.length == 3) {
                rss = Long.parseLong(fields[0]);
                cpu = Double.parseDouble(fields[1]) + Double.parseDouble(fields[2]);
            }
        }
        Files.delete(rssFile);
        return new Result(seconds, rss, cpu);
    }
}
