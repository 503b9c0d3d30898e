package io.deltachain.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltachain.api.CorruptDeltaException;
import io.deltachain.api.DeltaException;
import io.deltachain.api.Limits;
import io.deltachain.api.PatchSummary;
import io.deltachain.core.internal.RecordFrame;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The store's record frame, version 2 (docs/FORMAT.md, "Record frame, version 2"): lossless for every record
 * (the record read back writes the same wire bytes), its golden vector, and no damaged frame read as a record.
 */
class RecordFrameTest {

    /** The golden vector of docs/FORMAT.md's record frame: {@link RecordWireFormatTest#sample()} as a frame. */
    static final String GOLDEN = "444c5443" + "6b" + "03" + "848fabb00d" + "80cab5ee01" + "02" + "09" + "0c" + "00" + "2a"
            + "07" + "01" + "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
            + "fffefdfcfbfaf9f8f7f6f5f4f3f2f1f0efeeedecebeae9e8e7e6e5e4e3e2e1e0" + "01" + "01" + "02" + "022f61"
            + "022f62" + "01" + "046e6f7465" + "02c3a9" + "7b2276223a317d";

    /** @return {@code raw} as java.util.zip writes a gzip member: the header the frame folds (XFL 0, OS 0) */
    private static byte[] gzip(byte[] raw) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream z = new java.util.zip.GZIPOutputStream(out)) {
            z.write(raw);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static DeltaRecord seeded(Random random, int i) {
        byte[] base = new byte[32];
        byte[] target = new byte[32];
        random.nextBytes(base);
        random.nextBytes(target);
        String[] strategies = {"bsdiff", "text", "dict", "my-own-strategy", "zstd-patch"};
        String[] codecs = {"gzip", "identity", "zstd", "x-codec"};
        String codec = codecs[random.nextInt(codecs.length)];
        byte[] raw = new byte[random.nextInt(400)];
        for (int k = 0; k < raw.length; k++) {
            raw[k] = (byte) ('a' + random.nextInt(random.nextBoolean() ? 3 : 26));
        }
        byte[] payload = codec.equals("gzip") && random.nextInt(4) > 0
                ? gzip(raw) : raw;
        if (codec.equals("gzip") && random.nextInt(8) == 0 && payload.length > 4) {
            payload[payload.length - 1] ^= 1; // a size that is not the payload's: kept as it is, not folded
        }
        List<String> keys = new ArrayList<>();
        for (int k = random.nextInt(4); k > 0; k--) {
            keys.add("/k" + random.nextInt(1000) + (random.nextBoolean() ? "/\u00e9\ud83d\ude00" : ""));
        }
        TreeMap<String, String> meta = new TreeMap<>();
        for (int k = random.nextInt(3); k > 0; k--) {
            meta.put("m" + random.nextInt(100), "v\u4e2d" + random.nextInt());
        }
        PatchSummary summary = random.nextInt(5) == 0 ? PatchSummary.UNKNOWN
                : new PatchSummary(true, random.nextInt(1 << 20), random.nextInt(50), keys);
        return DeltaRecord.builder().index(random.nextInt(5) == 0 ? Integer.MAX_VALUE : i)
                .timestamp(random.nextBoolean() ? Instant.ofEpochSecond(random.nextInt(), random.nextInt(1_000_000_000))
                        : Instant.ofEpochSecond(-random.nextInt(1 << 30), 0))
                .strategyId(strategies[random.nextInt(strategies.length)])
                .stateFormatId(random.nextBoolean() ? "bytes" : "json-map")
                .codec(codec, random.nextInt(41) - 20).payload(payload).rawSize(random.nextInt(1 << 30))
                .payloadSize(raw.length).baseHash(base).targetHash(target).summary(summary).metadata(meta).build();
    }

    @Test
    void everyRecordReadsBackAsTheSameRecordAndWireBytes() {
        Random random = new Random(31);
        int smaller = 0;
        for (int i = 0; i < 2000; i++) {
            DeltaRecord r = seeded(random, i);
            byte[] frame = RecordFrame.write(r);
            DeltaRecord back = RecordFrame.read(frame, Limits.defaults());
            assertEquals(r, back, "record " + i);
            assertArrayEquals(r.toBytes(), back.toBytes(), "record " + i);
            assertEquals(frame.length, RecordFrame.length(java.util.Arrays.copyOf(frame, 10)), "record " + i);
            smaller += frame.length < r.wireSize() ? 1 : 0;
        }
        assertEquals(2000, smaller, "every frame is smaller than the record's wire bytes");
    }

    @Test
    void goldenVectorDecodesAndIsWhatWeWrite() {
        DeltaRecord sample = RecordWireFormatTest.sample();
        byte[] body = HexFormat.of().parseHex(GOLDEN);
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(body);
        byte[] framed = java.util.Arrays.copyOf(body, body.length + 4);
        java.nio.ByteBuffer.wrap(framed, body.length, 4).putInt((int) crc.getValue());
        assertEquals(HexFormat.of().formatHex(framed), HexFormat.of().formatHex(RecordFrame.write(sample)));
        assertEquals(sample, RecordFrame.read(framed, Limits.defaults()));
    }

    @Test
    void aFoldedGzipPayloadLosesTwelveBytesAndComesBackWhole() {
        byte[] raw = "a small payload, as most records' are".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] gz = gzip(raw);
        DeltaRecord gzip = RecordWireFormatTest.sample().toBuilder().codec("gzip", 6).payload(gz)
                .payloadSize(raw.length).build();
        DeltaRecord kept = gzip.toBuilder().codec("identity", 0).build();
        assertEquals(RecordFrame.write(kept).length - 12 - 1 + 1, RecordFrame.write(gzip).length,
                "12 bytes folded (the codec id is one byte either way)");
        assertArrayEquals(gz, RecordFrame.read(RecordFrame.write(gzip), Limits.defaults()).payload());
    }

    @Test
    void noDamagedFrameReadsAsARecord() {
        Random random = new Random(7);
        int refused = 0;
        for (int i = 0; i < 60; i++) {
            DeltaRecord r = seeded(random, i);
            byte[] frame = RecordFrame.write(r);
            for (int at = 0; at < frame.length; at++) {
                for (int bit : new int[] {0x01, 0x80}) {
                    byte[] damaged = frame.clone();
                    damaged[at] ^= (byte) bit;
                    try {
                        DeltaRecord read = RecordFrame.read(damaged, Limits.defaults());
                        throw new AssertionError("byte " + at + " of record " + i + " flipped, read as " + read);
                    } catch (CorruptDeltaException expected) {
                        refused++;
                        assertTrue(expected.getMessage().contains("record frame"), expected.getMessage());
                    }
                }
            }
            for (int cut = 0; cut < frame.length; cut++) {
                byte[] shorter = java.util.Arrays.copyOf(frame, cut);
                assertThrows(DeltaException.class, () -> RecordFrame.read(shorter, Limits.defaults()), "cut at " + cut);
            }
        }
        assertTrue(refused > 10_000, refused + " flips refused");
    }

    @Test
    void anIdCodeThisBuildDoesNotKnowIsRefusedByName() {
        byte[] frame = RecordFrame.write(RecordWireFormatTest.sample());
        int strategyAt = 4 + 1 + 1 + 5 + 5; // magic, body length, index, seconds, nanos
        assertEquals(2, frame[strategyAt], "dict's code");
        frame[strategyAt] = 99;
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(frame, 0, frame.length - 4);
        java.nio.ByteBuffer.wrap(frame, frame.length - 4, 4).putInt((int) crc.getValue());
        CorruptDeltaException e = assertThrows(CorruptDeltaException.class,
                () -> RecordFrame.read(frame, Limits.defaults()));
        assertTrue(e.getMessage().contains("id code 99, not one of the 14 this build knows"), e.getMessage());
    }
}
