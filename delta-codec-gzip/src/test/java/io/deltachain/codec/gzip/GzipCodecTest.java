package io.deltachain.codec.gzip;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.deltachain.api.CorruptDeltaException;
import io.deltachain.api.DeltaConfigurationException;
import io.deltachain.api.DeltaRegistry;
import io.deltachain.api.Limit;
import io.deltachain.api.LimitExceededException;
import io.deltachain.api.Limits;
import io.deltachain.spi.Codec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GzipCodecTest {
    /** {@code printf 'hello' | gzip -n}: GNU gzip's header has OS 3 (Unix). */
    private static final String HELLO_BY_GNU_GZIP = "1f8b0800000000000003cb48cdc9c9070086a6103605000000";
    /** {@code (printf 'hel' | gzip -n; printf 'lo' | gzip -n)}: two members. */
    private static final String HELLO_IN_TWO_MEMBERS = "1f8b0800000000000003cb48cd01001bf10be503000000"
            + "1f8b0800000000000003cbc907009d4a9c5502000000";

    private final GzipCodec codec = new GzipCodec();

    @Test
    void decodesWhatGnuGzipWrote() {
        assertEquals("hello", new String(codec.decode(hex(HELLO_BY_GNU_GZIP), Limits.defaults()), US_ASCII));
    }

    @Test
    void decodesConcatenatedMembersAsGzipDoes() {
        assertEquals("hello", new String(codec.decode(hex(HELLO_IN_TWO_MEMBERS), Limits.defaults()), US_ASCII));
    }

    @Test
    void limitCountsAllMembersTogether() {
        LimitExceededException e = assertThrows(LimitExceededException.class,
                () -> codec.decode(hex(HELLO_IN_TWO_MEMBERS), Limits.defaults().withMaxPayloadBytes(4)));
        assertTrue(e.getMessage().contains("maxPayloadBytes"), e.getMessage());
        assertEquals("hello", new String(codec.decode(hex(HELLO_IN_TWO_MEMBERS),
                Limits.defaults().withMaxPayloadBytes(5)), US_ASCII));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 6, 8, 9})
    void headerIsFixedWithZeroMtimeAndNoName(int level) {
        byte[] encoded = codec.encode("hello".getBytes(US_ASCII), level);
        int xfl = level == 9 ? 2 : level == 1 ? 4 : 0;
        assertEquals("1f8b0800" + "00000000" + String.format("%02x", xfl) + "ff",
                HexFormat.of().formatHex(encoded, 0, 10));
    }

    @Test
    void trailerCarriesCrcAndLength() {
        byte[] data = "hello".getBytes(US_ASCII);
        byte[] encoded = codec.encode(data, 6);
        CRC32 crc = new CRC32();
        crc.update(data);
        int at = encoded.length - 8;
        assertEquals((int) crc.getValue(), readIntLe(encoded, at));
        assertEquals(5, readIntLe(encoded, at + 4));
    }

    @Test
    void jdkGzipReadsWhatWeWrite() throws IOException {
        Random random = new Random(1);
        for (int size : new int[] {0, 1, 1000, 300_000}) {
            byte[] data = new byte[size];
            random.nextBytes(data);
            for (int level = codec.minLevel(); level <= codec.maxLevel(); level++) {
                try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(codec.encode(data, level)))) {
                    assertArrayEquals(data, in.readAllBytes(), "size " + size + ", level " + level);
                }
            }
        }
    }

    @Test
    void weReadWhatJdkGzipWrites() throws IOException {
        byte[] data = "the quick brown fox jumps over the lazy dog ".repeat(1000).getBytes(US_ASCII);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(data);
        }
        assertArrayEquals(data, codec.decode(out.toByteArray(), Limits.defaults()));
    }

    @Test
    void optionalHeaderFieldsAreCheckedAndSkipped() {
        byte[] encoded = codec.encode("hello".getBytes(US_ASCII), 6);
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        header.writeBytes(hex("1f8b08" + "1e" + "78563412" + "00" + "03")); // FEXTRA|FNAME|FCOMMENT|FHCRC
        header.writeBytes(hex("0400" + "41420000"));                      // XLEN 4, one empty subfield "AB"
        header.writeBytes("name.txt\0".getBytes(US_ASCII));
        header.writeBytes("a comment\0".getBytes(US_ASCII));
        CRC32 crc = new CRC32();
        crc.update(header.toByteArray());
        header.write((int) crc.getValue());
        header.write((int) crc.getValue() >>> 8);
        header.writeBytes(Arrays.copyOfRange(encoded, 10, encoded.length));
        byte[] withFields = header.toByteArray();

        assertEquals("hello", new String(codec.decode(withFields, Limits.defaults()), US_ASCII));

        byte[] badHeaderCrc = withFields.clone();
        badHeaderCrc[14] ^= 1;
        assertCorrupt(badHeaderCrc, "header CRC mismatch");
    }

    @Test
    void gzipBombIsRefusedWithoutAllocatingTheWholeOutput() {
        byte[] bomb = codec.encode(new byte[64 << 20], 9);
        Limits limits = Limits.defaults().withMaxPayloadBytes(1 << 20);
        AllocationMeter meter = AllocationMeter.start();

        LimitExceededException e = assertThrows(LimitExceededException.class, () -> codec.decode(bomb, limits));

        long allocated = meter.allocatedSinceStart();
        assertTrue(allocated < 8L << 20, "decoding the bomb allocated " + allocated + " bytes");
        assertTrue(e.getMessage().contains("1048576") && e.getMessage().contains("Limits.maxPayloadBytes")
                && e.getMessage().contains("Limits.withMaxPayloadBytes"), e.getMessage());
        assertEquals(Limit.PAYLOAD_BYTES, e.limit());
        assertEquals(1 << 20, e.allowed());
        assertTrue(e.actual() > e.allowed(), () -> "actual " + e.actual());
    }

    @Test
    void payloadExactlyAtTheLimitDecodes() {
        byte[] data = new byte[1 << 20];
        assertArrayEquals(data, codec.decode(codec.encode(data, 6), Limits.defaults().withMaxPayloadBytes(1 << 20)));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 10, -1, Integer.MAX_VALUE})
    void levelsOutsideOneToNineAreRefused(int level) {
        DeltaConfigurationException e = assertThrows(DeltaConfigurationException.class,
                () -> codec.encode(new byte[10], level));
        assertTrue(e.getMessage().contains("1 to 9"), e.getMessage());
    }

    @Test
    void emptyInputIsCorrupt() {
        assertCorrupt(new byte[0], "empty input");
    }

    @Test
    void badCrcIsCorrupt() {
        byte[] encoded = codec.encode("hello".getBytes(US_ASCII), 6);
        encoded[encoded.length - 8] ^= 1;
        assertCorrupt(encoded, "CRC-32 mismatch");
    }

    @Test
    void wrongLengthIsCorrupt() {
        byte[] encoded = codec.encode("hello".getBytes(US_ASCII), 6);
        encoded[encoded.length - 4] ^= 1;
        assertCorrupt(encoded, "length mismatch");
    }

    @Test
    void truncationIsCorrupt() {
        byte[] encoded = codec.encode("hello, hello, hello".getBytes(US_ASCII), 6);
        for (int cut = 0; cut < encoded.length; cut++) {
            assertThrows(CorruptDeltaException.class, decoding(Arrays.copyOf(encoded, cut)), "cut at " + cut);
        }
        assertCorrupt(Arrays.copyOf(encoded, encoded.length - 3), "truncated");
    }

    @Test
    void trailingBytesAfterTheLastMemberAreCorrupt() {
        byte[] encoded = codec.encode("hello".getBytes(US_ASCII), 6);
        byte[] padded = Arrays.copyOf(encoded, encoded.length + 2);
        assertCorrupt(padded, "2 trailing bytes at offset " + encoded.length + " are not another gzip member");
    }

    @Test
    void wrongMagicAndMethodAreCorrupt() {
        assertCorrupt(hex("504b03040000000000000000000000000000000000"), "bad magic 50 4b");
        byte[] encoded = codec.encode("hello".getBytes(US_ASCII), 6);
        encoded[2] = 7;
        assertCorrupt(encoded, "compression method 7");
    }

    @Test
    void brokenDeflateDataKeepsItsCauseAndNamesTheOffset() {
        byte[] encoded = hex(HELLO_BY_GNU_GZIP);
        encoded[10] = (byte) 0xff; // block type 3, reserved
        CorruptDeltaException e = assertThrows(CorruptDeltaException.class, decoding(encoded));
        assertTrue(e.getMessage().startsWith("gzip payload is corrupt: ") && e.getMessage().contains("after byte"),
                e.getMessage());
        assertInstanceOf(java.util.zip.DataFormatException.class, e.getCause());
    }

    @Test
    void isDiscoveredThroughTheServiceFile() {
        Codec found = DeltaRegistry.load().codec("gzip");
        assertInstanceOf(GzipCodec.class, found);
        assertEquals(6, found.defaultLevel());
    }

    private void assertCorrupt(byte[] input, String detail) {
        CorruptDeltaException e = assertThrows(CorruptDeltaException.class, decoding(input));
        assertTrue(e.getMessage().startsWith("gzip payload is corrupt: ") && e.getMessage().contains(detail),
                e.getMessage());
    }

    private org.junit.jupiter.api.function.Executable decoding(byte[] input) {
        return () -> codec.decode(input, Limits.defaults());
    }

    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    private static int readIntLe(byte[] in, int at) {
        return (in[at] & 0xff) | (in[at + 1] & 0xff) << 8 | (in[at + 2] & 0xff) << 16 | (in[at + 3] & 0xff) << 24;
    }

    /** Bytes allocated by the current thread, where the JVM can tell (HotSpot can). */
    private static final class AllocationMeter {
        private final com.sun.management.ThreadMXBean threads;
        private final long start;

        private AllocationMeter(com.sun.management.ThreadMXBean threads) {
            this.threads = threads;
            this.start = threads.getCurrentThreadAllocatedBytes();
        }

        static AllocationMeter start() {
            java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
            assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "this JVM cannot measure allocation");
            com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
            assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled(),
                    "this JVM cannot measure allocation");
            return new AllocationMeter(threads);
        }

        long allocatedSinceStart() {
            return threads.getCurrentThreadAllocatedBytes() - start;
        }
    }

    @Test
    void aBombWhoseTrailerDeclaresItsSizeIsRefusedBeforeDecoding() {
        byte[] bomb = codec.encode(new byte[32 << 20], 9);
        Limits limits = Limits.defaults().withMaxPayloadBytes(4 << 20);
        AllocationMeter meter = AllocationMeter.start();

        LimitExceededException e = assertThrows(LimitExceededException.class, () -> codec.decode(bomb, limits));

        long allocated = meter.allocatedSinceStart();
        assertTrue(allocated < 1L << 20, "refusing the declared size allocated " + allocated + " bytes");
        assertEquals(32 << 20, e.actual(), "the size the trailer declares");
        assertTrue(e.getMessage().contains("trailer declares"), e.getMessage());
    }

    @Test
    void aTrailerThatUnderstatesCostsNoMoreThanAScratchBufferBeforeTheRefusal() {
        byte[] bomb = codec.encode(new byte[32 << 20], 9);
        // claim 1,000 bytes: the CRC no longer matches either, but the limit speaks first
        bomb[bomb.length - 4] = (byte) 0xe8;
        bomb[bomb.length - 3] = 3;
        bomb[bomb.length - 2] = 0;
        bomb[bomb.length - 1] = 0;
        Limits limits = Limits.defaults().withMaxPayloadBytes(4 << 20);
        AllocationMeter meter = AllocationMeter.start();

        LimitExceededException e = assertThrows(LimitExceededException.class, () -> codec.decode(bomb, limits));

        long allocated = meter.allocatedSinceStart();
        assertTrue(allocated < 1L << 20, "measuring the bomb allocated " + allocated + " bytes");
        assertEquals(Limit.PAYLOAD_BYTES, e.limit());
    }

    @Test
    void concatenatedMembersDecodeExactlyThoughTheLastTrailerDeclaresOnlyItsOwnSize() {
        byte[] first = new byte[300_000];
        byte[] second = "and the second member".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        new java.util.Random(7).nextBytes(first);
        byte[] a = codec.encode(first, 6);
        byte[] b = codec.encode(second, 6);
        byte[] both = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        byte[] expected = java.util.Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, expected, first.length, second.length);

        assertArrayEquals(expected, codec.decode(both, Limits.defaults()));
        assertThrows(LimitExceededException.class,
                () -> codec.decode(both, Limits.defaults().withMaxPayloadBytes(first.length)));
    }

    @Test
    void aBombBeyondTheExpansionRatioIsRefusedWhileDecoding() {
        byte[] zeros = new byte[4 << 20];
        byte[] bomb = codec.encode(zeros, 9);
        assertArrayEquals(zeros, codec.decode(bomb, Limits.defaults()), "within the default ratio: deflate's 1032");
        Limits tight = Limits.defaults().withMaxExpansionRatio(10);
        LimitExceededException e = assertThrows(LimitExceededException.class, () -> codec.decode(bomb, tight));
        assertEquals(Limit.EXPANSION_RATIO, e.limit());
        assertEquals(tight.maxExpandedBytes(bomb.length, 0), e.allowed());
        assertTrue(e.getMessage().contains("from " + bomb.length + " encoded bytes"), e.getMessage());
        assertTrue(e.getMessage().contains("Limits.withMaxExpansionRatio"), e.getMessage());
    }
}
