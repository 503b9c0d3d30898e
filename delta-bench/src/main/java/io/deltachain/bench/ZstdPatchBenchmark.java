package io.deltachain.bench;

import io.deltachain.api.Limits;
import io.deltachain.spi.NativeFormat;
import io.deltachain.strategy.zstdpatch.ZstdPatchStrategy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code zstd-patch} in process against {@code zstd --patch-from} as a process, at the same level, in
 * one JMH run: {@code java -jar benchmarks.jar ZstdPatchBenchmark} (add {@code -p pair=structured-256m
 * -p level=3} and so on for one case; the tool must be at {@code /usr/bin/zstd}). Setup prints both
 * patch sizes and checks that each side decodes the other's patch (not with
 * {@code -jvmArgsAppend -Ddeltachain.bench.toolInSetup=false}, for cases where one tool run takes minutes).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx5g"})
@Warmup(iterations = 2)
@Measurement(iterations = 5)
public class ZstdPatchBenchmark {
    private static final String ZSTD = "/usr/bin/zstd";

    @Param({"structured-16m", "structured-256m"})
    public String pair;

    @Param({"3", "19"})
    public int level;

    private byte[] oldFile;
    private byte[] newFile;
    private NativeFormat<byte[]> ours;
    private Path dir;
    private Path oldPath;
    private Path newPath;

    /** Writes the pair for the tool, and reports both patches' sizes and that each decodes the other's. */
    @Setup(Level.Trial)
    public void setUp() throws IOException, InterruptedException {
        byte[][] files = Pairs.named(pair);
        oldFile = files[0];
        newFile = files[1];
        ours = new ZstdPatchStrategy(level).nativeFormat().orElseThrow();
        dir = Files.createTempDirectory("zstd-patch-bench");
        oldPath = Files.write(dir.resolve("old"), oldFile);
        newPath = Files.write(dir.resolve("new"), newFile);
        byte[] mine = ours.diff(oldFile, newFile);
        Path minePath = Files.write(dir.resolve("ours.zst"), mine);
        if (!Boolean.parseBoolean(System.getProperty("deltachain.bench.toolInSetup", "true"))) {
            System.out.printf("%n[sizes] %s level %d: zstd-patch %,d bytes (tool not run in setup)%n", pair, level,
                    mine.length);
            return;
        }
        toolProcess();
        byte[] theirs = Files.readAllBytes(dir.resolve("tool.zst"));
        boolean weApplyTheirs = Arrays.equals(newFile, ours.apply(oldFile, theirs, Limits.defaults()
                .withMaxStateBytes(Integer.MAX_VALUE - 8).withMaxPayloadBytes(Integer.MAX_VALUE - 8)));
        Path decoded = dir.resolve("decoded");
        run(ZSTD, "-q", "-d", "-f", "--memory=" + (Math.max(oldFile.length, newFile.length) / (1 << 20) + 1) + "MB",
                "--patch-from=" + oldPath, minePath.toString(), "-o", decoded.toString());
        boolean toolAppliesOurs = Arrays.equals(newFile, Files.readAllBytes(decoded));
        System.out.printf("%n[sizes] %s level %d: zstd-patch %,d bytes, zstd --patch-from %,d bytes (%+.1f %%);"
                + " tool decodes ours: %s, we apply the tool's: %s%n", pair, level, mine.length, theirs.length,
                100.0 * (mine.length - theirs.length) / theirs.length, toolAppliesOurs, weApplyTheirs);
    }

    /** Removes the files. */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        try (var files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Files.delete(p);
            }
        }
        Files.delete(dir);
    }

    /** @return our native patch, in process */
    @Benchmark
    public byte[] zstdPatchInProcess() {
        return ours.diff(oldFile, newFile);
    }

    /** @return the tool's exit status: {@code zstd -LEVEL --patch-from=OLD NEW -o PATCH} as a process */
    @Benchmark
    public int toolProcess() throws IOException, InterruptedException {
        return run(ZSTD, "-q", "-f", "-" + level, "--patch-from=" + oldPath, newPath.toString(), "-o",
                dir.resolve("tool.zst").toString());
    }

    private static int run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        int status = process.waitFor();
        if (status != 0) {
            throw new UncheckedIOException(new IOException(String.join(" ", command) + " exited with " + status));
        }
        return status;
    }
}
