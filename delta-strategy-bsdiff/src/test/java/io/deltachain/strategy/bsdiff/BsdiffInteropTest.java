package io.deltachain.strategy.bsdiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.deltachain.api.Limits;
import io.deltachain.spi.NativeFormat;
import io.sigpipe.jbsdiff.Diff;
import io.sigpipe.jbsdiff.Patch;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** BSDIFF40 both ways with Debian's bsdiff 4.3 and with jbsdiff, on generated pairs and two real releases. */
class BsdiffInteropTest {
    private static final Path BSDIFF = Path.of("/usr/bin/bsdiff");
    private static final Path BSPATCH = Path.of("/usr/bin/bspatch");
    private final NativeFormat<byte[]> bsdiff40 = new BsdiffStrategy().nativeFormat().orElseThrow();

    /** Made once by bsdiff 4.3 (Debian 4.3-23) from the two lines below; decoded here without the tool. */
    static final String GOLDEN_PATCH = "42534449464634302b0000000000000030000000000000004100000000000000425a683931415926"
            + "5359008a04a2000005c8004818008020002186819a0c56c9b8bb9229c2848004502510425a6839314159265359ab110d7a0000"
            + "00e000c08404001806200021a066a10c0879352a2078bb9229c2848558886bd0425a68393141592653590f9caaee000000d180"
            + "0010400026039000200022064d30832620e109eaf705dc914e142403e72abb80";
    static final byte[] GOLDEN_OLD = "The quick brown fox jumps over the lazy dog. 0123456789\n".getBytes();
    static final byte[] GOLDEN_NEW = "The quick brown cat jumps over the lazy dog! 0123456789 and more\n".getBytes();

    /**
     * Our record payload, version 1, for the same pair (docs/FORMAT.md): DLTBSD v1, new size 65, one
     * triple (add 55, copy 10, seek 0), 55 diff bytes (zero but for fox/cat and '.'/'!'), 10 extra
     * bytes " and more\n". Written by earlier builds; read by every build.
     */
    static final String GOLDEN_PAYLOAD_V1 = "444c54425344010000000000000000410000000100000000000000370000000000"
            + "00000a0000000000000037000000000000000a000000000000000000000000000000000000000000000000fdf2fc000000"
            + "000000000000000000000000000000000000000000f3000000000000000000000020616e64206d6f72650a";

    /**
     * The same payload, version 2 (written by earlier builds, read by every build): the diff block
     * zero-run coded as (16 zeros, 3 bytes fd f2 fc), (24 zeros, 1 byte f3), (11 zeros, nothing) = 10
     * coded bytes.
     */
    static final String GOLDEN_PAYLOAD_V2 = "444c5442534402000000000000000041000000010000000000000037000000000000000a"
            + "000000000000000a0000000000000037000000000000000a00000000000000001003fdf2fc1801f30b0020616e64206d6f7265"
            + "0a";

    /**
     * The same payload as this build writes it, version 3: control as varint columns (add 0x37 | copy
     * 0x0a | zigzag seek 0x00 = 3 bytes), the zero runs' varint pairs (10 03, 18 01, 0b 00 = 6 bytes)
     * apart from their 4 literal bytes (fd f2 fc f3), then the extra block.
     */
    static final String GOLDEN_PAYLOAD = "444c54425344030000000000000000410000000100000000000000370000000000"
            + "00000a000000000000000300000000000000060000000000000004370a00100318010b00fdf2fcf320616e64206d6f72650a";

    @TempDir
    Path dir;

    @Test
    void goldenPayloadIsWhatWeWriteAndRead() {
        BsdiffStrategy strategy = new BsdiffStrategy();
        assertEquals(GOLDEN_PAYLOAD, HexFormat.of().formatHex(strategy.diff(GOLDEN_OLD, GOLDEN_NEW)));
        assertArrayEquals(GOLDEN_NEW, strategy.apply(GOLDEN_OLD, HexFormat.of().parseHex(GOLDEN_PAYLOAD),
                Limits.defaults()));
    }

    @Test
    void versionTwoPayloadsStillApply() {
        assertArrayEquals(GOLDEN_NEW, new BsdiffStrategy().apply(GOLDEN_OLD, HexFormat.of().parseHex(GOLDEN_PAYLOAD_V2),
                Limits.defaults()));
    }

    @Test
    void versionOnePayloadsStillApply() {
        assertArrayEquals(GOLDEN_NEW, new BsdiffStrategy().apply(GOLDEN_OLD, HexFormat.of().parseHex(GOLDEN_PAYLOAD_V1),
                Limits.defaults()));
    }

    @Test
    void goldenPatchFromBsdiff43Applies() {
        assertArrayEquals(GOLDEN_NEW, bsdiff40.apply(GOLDEN_OLD, HexFormat.of().parseHex(GOLDEN_PATCH), Limits.defaults()));
    }

    private static void requireTools() {
        assumeTrue(Files.isExecutable(BSDIFF) && Files.isExecutable(BSPATCH),
                "SKIPPED: Debian's bsdiff/bspatch are not installed (apt-get install -y bsdiff); .ci/run installs them");
    }

    private void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), String.join(" ", command) + ": " + out);
    }

    private List<byte[][]> pairs() throws IOException {
        List<byte[][]> pairs = new ArrayList<>();
        long seed = 20261124;
        Random r = new Random(seed);
        for (int i = 0; i < 6; i++) {
            byte[] base = Pairs.structured(r, 1000 + r.nextInt(200_000));
            pairs.add(new byte[][] {base, Pairs.edit(r, base, 1 + r.nextInt(50))});
        }
        pairs.add(new byte[][] {new byte[0], Pairs.random(r, 100)});
        pairs.add(new byte[][] {Pairs.random(r, 100), new byte[0]});
        pairs.add(new byte[][] {Pairs.random(r, 5000), Pairs.random(r, 5000)});
        pairs.add(new byte[][] {new byte[1], new byte[1]});
        // periodic data: bsdiff 4.3 writes long runs of triples that produce nothing, which are legal
        byte[] unit = Pairs.random(r, 13);
        byte[] periodic = new byte[30_000];
        for (int i = 0; i < periodic.length; i++) {
            periodic[i] = unit[i % unit.length];
        }
        byte[] shifted = java.util.Arrays.copyOfRange(periodic, 3, periodic.length - 5);
        shifted[shifted.length / 2] ^= 1;
        pairs.add(new byte[][] {periodic, shifted});
        Path releases = Path.of("target/release-pair");
        byte[] a = Files.readAllBytes(releases.resolve("commons-io-2.16.1.jar"));
        byte[] b = Files.readAllBytes(releases.resolve("commons-io-2.17.0.jar"));
        pairs.add(new byte[][] {a, b});
        return pairs;
    }

    @Test
    void bspatchAppliesOurPatches() throws Exception {
        requireTools();
        for (byte[][] pair : pairs()) {
            Path old = Files.write(dir.resolve("old"), pair[0]);
            Path patch = Files.write(dir.resolve("patch"), bsdiff40.diff(pair[0], pair[1]));
            Path out = dir.resolve("out");
            run(BSPATCH.toString(), old.toString(), out.toString(), patch.toString());
            assertArrayEquals(pair[1], Files.readAllBytes(out), "pair of " + pair[0].length + " -> " + pair[1].length);
        }
    }

    @Test
    void weApplyBsdiffsPatches() throws Exception {
        requireTools();
        for (byte[][] pair : pairs()) {
            if (pair[0].length == 0 || pair[1].length == 0) {
                continue; // bsdiff 4.3 cannot mmap an empty file
            }
            Path old = Files.write(dir.resolve("old"), pair[0]);
            Path fresh = Files.write(dir.resolve("new"), pair[1]);
            Path patch = dir.resolve("patch");
            run(BSDIFF.toString(), old.toString(), fresh.toString(), patch.toString());
            assertArrayEquals(pair[1], bsdiff40.apply(pair[0], Files.readAllBytes(patch), Limits.defaults()),
                    "pair of " + pair[0].length + " -> " + pair[1].length);
        }
    }

    @Test
    void jbsdiffAndWeReadEachOther() throws Exception {
        for (byte[][] pair : pairs()) {
            ByteArrayOutputStream theirs = new ByteArrayOutputStream();
            Diff.diff(pair[0], pair[1], theirs);
            assertArrayEquals(pair[1], bsdiff40.apply(pair[0], theirs.toByteArray(), Limits.defaults()));
            ByteArrayOutputStream applied = new ByteArrayOutputStream();
            Patch.patch(pair[0], bsdiff40.diff(pair[0], pair[1]), applied);
            assertArrayEquals(pair[1], applied.toByteArray());
        }
    }
}
