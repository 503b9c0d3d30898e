package io.deltachain.strategy.zstdpatch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.deltachain.api.Limits;
import io.deltachain.spi.NativeFormat;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Our native patches through Debian's {@code zstd} (1.5.x) and its patches through us. Skipped, with
 * that reason, where {@code zstd} is not on the PATH ({@code apt-get install -y zstd}; .ci/run installs it).
 */
class ZstdToolInteropTest {
    private static String zstd;

    @TempDir
    Path dir;

    private final NativeFormat<byte[]> zstdPatch = new ZstdPatchStrategy().nativeFormat().orElseThrow();

    @BeforeAll
    static void findTheTool() {
        for (String entry : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(entry, "zstd");
            if (Files.isExecutable(candidate)) {
                zstd = candidate.toString();
                return;
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 4_000, 300_000, 1 << 20, 3 << 20})
    void theToolDecodesOurPatches(int size) throws Exception {
        requireTool();
        Random random = new Random(size);
        byte[] base = Inputs.structured(random, size);
        byte[] target = size == 0 ? "grown from nothing".getBytes(StandardCharsets.US_ASCII)
                : Inputs.edited(random, base, 1 + size / 20_000);
        Path old = write("old", base);
        Path patch = write("patch", zstdPatch.diff(base, target));
        Path out = dir.resolve("out");
        run(zstd, "-q", "-d", "-f", "--patch-from=" + old, patch.toString(), "-o", out.toString());
        assertArrayEquals(target, Files.readAllBytes(out));
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 19})
    void weApplyThePatchesTheToolWrites(int level) throws Exception {
        requireTool();
        Random random = new Random(level);
        byte[] base = Inputs.structured(random, 1 << 20);
        byte[] target = Inputs.edited(random, base, 30);
        Path old = write("old", base);
        Path target1 = write("new", target);
        Path patch = dir.resolve("patch");
        run(zstd, "-q", "-f", "-" + level, "--patch-from=" + old, target1.toString(), "-o", patch.toString());
        byte[] theirs = Files.readAllBytes(patch);
        assertArrayEquals(target, zstdPatch.apply(base, theirs, Limits.defaults()));
        assertTrue(theirs.length < 4_000, () -> "zstd -" + level + " --patch-from wrote " + theirs.length + " bytes");
    }

    @Test
    void theToolRefusesAPipeWithoutAStreamSizeSoItsPatchesCarryTheContentSize() throws Exception {
        requireTool();
        byte[] base = Inputs.structured(new Random(5), 10_000);
        byte[] target = Inputs.edited(new Random(6), base, 3);
        Path old = write("old", base);
        Path newFile = write("new", target);
        Path patch = dir.resolve("patch");
        run("sh", "-c", zstd + " -q -f --patch-from=" + old + " --stream-size=" + target.length + " < " + newFile
                + " > " + patch);
        assertArrayEquals(target, zstdPatch.apply(base, Files.readAllBytes(patch), Limits.defaults()));
    }

    private static void requireTool() {
        assumeTrue(zstd != null, "zstd is not on the PATH: apt-get install -y zstd (.ci/run installs it)");
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(new ArrayList<>(List.of(command))).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), String.join(" ", command) + " did not finish");
        assertEquals(0, process.exitValue(), () -> String.join(" ", command) + ": " + new String(output));
    }
}
