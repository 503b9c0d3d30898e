package io.deltachain.codec.zstd;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import io.deltachain.api.CorruptDeltaException;
import io.deltachain.api.DeltaConfigurationException;
import io.deltachain.api.DeltaRegistry;
import io.deltachain.api.Limit;
import io.deltachain.api.LimitExceededException;
import io.deltachain.api.Limits;
import io.deltachain.codec.zstd.internal.NativeZstd;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ZstdCodecTest {
    /** {@code printf 'hello' | zstd -c} (zstd 1.5.4): from a pipe, so no content size; with a checksum. */
    private static final String HELLO_FROM_A_PIPE = "28b52ffd045829000068656c6c6fa36d9f88";
    /** {@code zstd -c hello.txt}: from a file, so with the content size (5) and a checksum. */
    private static final String HELLO_FROM_A_FILE = "28b52ffd240529000068656c6c6fa36d9f88";
    /** {@code zstd -c --no-check hello.txt}: no checksum. */
    private static final String HELLO_WITHOUT_CHECKSUM = "28b52ffd200529000068656c6c6f";
    /** {@code (printf 'hel' | zstd -c; printf 'lo' | zstd -c)}: two frames. */
    private static final String HELLO_IN_TWO_FRAMES = "28b52ffd045819000068656c2641555528b52ffd04581100006c6fb2dbbd72";
    /** {@code head -c 100000 /dev/zero | zstd -19 -c}: 100,000 zero bytes in 21 bytes. */
    private static final String ZEROS_FROM_A_PIPE = "28b52ffd04684d0000080001009c86391002db234ef3";
    /** A skippable frame (magic 0x184D2A50, 3 bytes of user data) that {@code zstd -d} passes over. */
    private static final String SKIPPABLE = "502a4d1803000000616263";

    private final ZstdCodec codec = new ZstdCodec();

    @ParameterizedTest
    @ValueSource(strings = {HELLO_FROM_A_PIPE, HELLO_FROM_A_FILE, HELLO_WITHOUT_CHECKSUM, HELLO_IN_TWO_FRAMES,
        SKIPPABLE + HELLO_FROM_A_FILE, HELLO_FROM_A_PIPE + SKIPPABLE})
    void decodesWhatTheZstdToolWrote(String frames) {
        assertEquals("hello", new String(codec.decode(hex(frames), Limits.defaults()), US_ASCII));
    }

    @Test
    void decodesAFrameWithoutContentSizeInSteps() {
        assertArrayEquals(new byte[100_000], codec.decode(hex(ZEROS_FROM_A_PIPE), Limits.defaults()));
    }

    @Test
    void levelsAreZstdsOwnRange() {
        assertEquals(Zstd.minCompressionLevel(), codec.minLevel());
        assertEquals(Zstd.maxCompressionLevel(), codec.maxLevel());
        assertEquals(Zstd.defaultCompressionLevel(), codec.defaultLevel());
        byte[] data = "negative levels are zstd's fast levels ".repeat(100).getBytes(US_ASCII);
        for (int level : new int[] {ZstdCodec.MIN_LEVEL, -5, -1, 0, 1, 3, 19, 22}) {
            assertArrayEquals(data, codec.decode(codec.encode(data, level), Limits.defaults()), "level " + level);
        }
        assertArrayEquals(codec.encode(data, 3), codec.encode(data, 0), "level 0 is zstd's default, 3");
    }

    @ParameterizedTest
    @ValueSource(ints = {23, -(1 << 17) - 1, Integer.MAX_VALUE, Integer.MIN_VALUE})
    void levelsOutsideZstdsRangeAreRefused(int level) {
        DeltaConfigurationException e = assertThrows(DeltaConfigurationException.class,
                () -> codec.encode(new byte[10], level));
        assertTrue(e.getMessage().contains("-131072 to 22"), e.getMessage());
    }

    @Test
    void frameHeaderCarriesContentSizeAndChecksumFlag() {
        byte[] encoded = codec.encode("hello".getBytes(US_ASCII), 3);
        assertEquals("28b52ffd", HexFormat.of().formatHex(encoded, 0, 4));
        assertEquals(5, Zstd.getFrameContentSize(encoded));
        assertEquals(0x04, encoded[4] & 0x04, "content checksum flag");
    }

    @Test
    void aHugeClaimedContentSizeIsRefusedBeforeAllocating() {
        // A valid frame header claiming 2^40 bytes, with one empty raw block: a lie a decoder must not act on.
        byte[] lie = hex("28b52ffd" + "e0" + "0000000000010000" + "010000");
        CorruptDeltaException e = assertThrows(CorruptDeltaException.class, decoding(lie, Limits.defaults()));
        assertTrue(e.getMessage().contains("claims 1099511627776 decoded bytes, more than the frame's"), e.getMessage());
    }

    @Test
    void aClaimedContentSizeAboveTheLimitIsALimitExceededException() {
        byte[] frame = codec.encode(new byte[4 << 20], 19);
        Limits limits = Limits.defaults().withMaxPayloadBytes(1 << 20);
        long before = allocatedBytes();
        LimitExceededException e = assertThrows(LimitExceededException.class, decoding(frame, limits));
        long allocated = allocatedBytes() - before;
        assertTrue(allocated < 1 << 20, "allocated " + allocated + " bytes before refusing");
        assertEquals(Limit.PAYLOAD_BYTES, e.limit());
        assertEquals(4 << 20, e.actual());
        assertEquals(1 << 20, e.allowed());
        assertTrue(e.getMessage().contains("claims 4194304 decoded bytes, above the limit of 1048576"
                + " (Limits.maxPayloadBytes); nothing was allocated") && e.getMessage().contains("Limits.withMaxPayloadBytes"),
                e.getMessage());
    }

    @Test
    void framesWithoutContentSizeStopAtTheLimit() {
        LimitExceededException e = assertThrows(LimitExceededException.class,
                decoding(hex(ZEROS_FROM_A_PIPE), Limits.defaults().withMaxPayloadBytes(99_999)));
        assertEquals(Limit.PAYLOAD_BYTES, e.limit());
        assertTrue(e.getMessage().contains("decoding stopped there"), e.getMessage());
        assertEquals(100_000, codec.decode(hex(ZEROS_FROM_A_PIPE), Limits.defaults().withMaxPayloadBytes(100_000)).length);
    }

    @Test
    void theLimitCountsAllFramesTogether() {
        LimitExceededException e = assertThrows(LimitExceededException.class,
                decoding(hex(HELLO_IN_TWO_FRAMES), Limits.defaults().withMaxPayloadBytes(4)));
        assertEquals(Limit.PAYLOAD_BYTES, e.limit());
        byte[] twoKnown = concat(codec.encode("hel".getBytes(US_ASCII), 3), codec.encode("lo".getBytes(US_ASCII), 3));
        e = assertThrows(LimitExceededException.class, decoding(twoKnown, Limits.defaults().withMaxPayloadBytes(4)));
        assertTrue(e.getMessage().contains("frame 2 at offset") && e.getMessage().contains("5 with those before it"),
                e.getMessage());
        assertEquals("hello", new String(codec.decode(twoKnown, Limits.defaults().withMaxPayloadBytes(5)), US_ASCII));
    }

    @Test
    void everyTruncationIsCorrupt() {
        byte[] encoded = codec.encode(compressible(new Random(7), 3000), 3);
        for (int cut = 0; cut < encoded.length; cut++) {
            assertThrows(CorruptDeltaException.class, decoding(Arrays.copyOf(encoded, cut), Limits.defaults()),
                    "cut at " + cut);
        }
        byte[] pipe = hex(ZEROS_FROM_A_PIPE);
        for (int cut = 1; cut < pipe.length; cut++) {
            assertThrows(CorruptDeltaException.class, decoding(Arrays.copyOf(pipe, cut), Limits.defaults()),
                    "cut at " + cut);
        }
    }

    @Test
    void aBadChecksumIsCorrupt() {
        byte[] encoded = hex(HELLO_FROM_A_FILE);
        encoded[encoded.length - 1] ^= 1;
        assertCorrupt(encoded, "frame 1 at offset 0: ");
    }

    @Test
    void garbageAndBadMagicAreCorrupt() {
        assertCorrupt(new byte[0], "empty input");
        assertCorrupt(hex("1f8b0800000000000003"), "bad magic 1f 8b 08 00 at offset 0, expected 28 b5 2f fd");
        Random random = new Random(11);
        for (int i = 0; i < 200; i++) {
            byte[] garbage = new byte[1 + random.nextInt(300)];
            random.nextBytes(garbage);
            if (i % 2 == 0) {
                System.arraycopy(hex("28b52ffd"), 0, garbage, 0, Math.min(4, garbage.length));
            }
            assertThrows(CorruptDeltaException.class, decoding(garbage, Limits.defaults()), () -> hexOf(garbage));
        }
    }

    @Test
    void trailingBytesAfterTheLastFrameAreCorrupt() {
        byte[] padded = concat(hex(HELLO_FROM_A_FILE), new byte[] {1, 2});
        assertCorrupt(padded, "2 trailing bytes at offset 18 are not another zstd frame");
    }

    @Test
    void aSkippableFrameRunningPastTheEndIsCorrupt() {
        assertCorrupt(hex("502a4d18ff000000616263"), "skippable frame of 255 bytes runs past the end");
    }

    @Test
    void aPlatformWithoutANativeLibraryGetsAnErrorNamingTheCodec() {
        NativeZstd missing = new NativeZstd(() -> {
            throw new UnsatisfiedLinkError("no zstd-jni-1.5.7-28 in java.library.path");
        });
        ZstdCodec broken = new ZstdCodec(missing);
        assertEquals("zstd", broken.id()); // construction and the registry's checks load nothing
        broken.checkLevel(broken.defaultLevel());
        for (int attempt = 0; attempt < 2; attempt++) {
            DeltaConfigurationException e = assertThrows(DeltaConfigurationException.class,
                    () -> broken.encode(new byte[1], 3));
            assertTrue(e.getMessage().startsWith("codec 'zstd' is unavailable on ")
                    && e.getMessage().contains("UnsatisfiedLinkError: no zstd-jni-1.5.7-28")
                    && e.getMessage().contains("use another codec (gzip)"), e.getMessage());
            assertInstanceOf(UnsatisfiedLinkError.class, e.getCause());
            assertThrows(DeltaConfigurationException.class, () -> broken.decode(hex(HELLO_FROM_A_FILE), Limits.defaults()));
        }
    }

    @Test
    void isDiscoveredThroughTheServiceFile() {
        assertInstanceOf(ZstdCodec.class, DeltaRegistry.load().codec("zstd"));
    }

    private void assertCorrupt(byte[] input, String detail) {
        CorruptDeltaException e = assertThrows(CorruptDeltaException.class, decoding(input, Limits.defaults()));
        assertTrue(e.getMessage().startsWith("zstd payload is corrupt: ") && e.getMessage().contains(detail),
                e.getMessage());
    }

    private Executable decoding(byte[] input, Limits limits) {
        return () -> codec.decode(input, limits);
    }

    private static byte[] compressible(Random random, int size) {
        byte[] out = new byte[size];
        for (int i = 0; i < size; i++) {
            out[i] = (byte) ('a' + random.nextInt(4));
        }
        return out;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }

    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    private static String hexOf(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean())
                .getCurrentThreadAllocatedBytes();
    }

    @Test
    void aClaimedContentSizeBeyondTheExpansionRatioIsRefusedBeforeAllocating() {
        byte[] zeros = new byte[8 << 20];
        byte[] frame = codec.encode(zeros, 19);
        assertArrayEquals(zeros, codec.decode(frame, Limits.defaults()), "within the default ratio");
        LimitExceededException e = assertThrows(LimitExceededException.class,
                () -> codec.decode(frame, Limits.defaults().withMaxExpansionRatio(100)));
        assertEquals(Limit.EXPANSION_RATIO, e.limit());
        assertEquals(zeros.length, e.actual());
        assertTrue(e.getMessage().contains("by the header of frame 1"), e.getMessage());
    }

    @Test
    void framesWithoutContentSizeStopAtTheExpansionRatio() {
        byte[] frame;
        try (ZstdCompressCtx ctx = new ZstdCompressCtx()) {
            frame = ctx.setLevel(3).setContentSize(false).compress(new byte[4 << 20]);
        }
        assertEquals(-1, Zstd.getFrameContentSize(frame), "the frame has no content size");
        Limits tight = Limits.defaults().withMaxExpansionRatio(1);
        LimitExceededException e = assertThrows(LimitExceededException.class, () -> codec.decode(frame, tight));
        assertEquals(Limit.EXPANSION_RATIO, e.limit());
        assertEquals(tight.maxExpandedBytes(frame.length, 0), e.allowed());
    }

    @Test
    void aBombWithoutContentSizeIsMeasuredNotStoredBeforeTheRefusal() {
        byte[] frame;
        try (ZstdCompressCtx ctx = new ZstdCompressCtx()) {
            frame = ctx.setLevel(3).setContentSize(false).compress(new byte[64 << 20]);
        }
        Limits limits = Limits.defaults().withMaxPayloadBytes(32 << 20);
        long before = allocatedBytes();
        LimitExceededException e = assertThrows(LimitExceededException.class, () -> codec.decode(frame, limits));
        long allocated = allocatedBytes() - before;
        assertEquals(Limit.PAYLOAD_BYTES, e.limit());
        assertTrue(allocated < 2L << 20, "measuring the bomb allocated " + allocated + " bytes");
        byte[] within = codec.decode(frame, Limits.defaults().withMaxPayloadBytes(64 << 20));
        assertEquals(64 << 20, within.length, "within the limit it decodes, into an array of its exact size");
    }
}
