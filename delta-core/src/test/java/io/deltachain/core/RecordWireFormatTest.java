package io.deltachain.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltachain.api.CorruptDeltaException;
import io.deltachain.api.DeltaException;
import io.deltachain.api.LimitExceededException;
import io.deltachain.api.Limits;
import io.deltachain.api.PatchSummary;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

class RecordWireFormatTest {

    static DeltaRecord sample() {
        byte[] base = new byte[32];
        byte[] target = new byte[32];
        for (int i = 0; i < 32; i++) {
            base[i] = (byte) i;
            target[i] = (byte) (0xFF - i);
        }
        return DeltaRecord.builder()
                .index(3)
                .timestamp(Instant.parse("2026-11-24T10:15:30.5Z"))
                .strategyId("dict")
                .stateFormatId("json-map")
                .codec("identity", 0)
                .payload("{\"v\":1}".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .rawSize(42)
                .payloadSize(7)
                .baseHash(base)
                .targetHash(target)
                .summary(PatchSummary.of(1, 1, List.of("/a", "/b")))
                .metadata("note", "é")
                .build();
    }

    /** The golden vector of docs/FORMAT.md: frozen, so that every build reads what older ones wrote. */
    static final String GOLDEN = "444c54520100000000ae00000003000000006b0563c21dcd65000464696374086a736f6e2d6d6170086964656e7469747900"
            + "000000000000000000002a0000000000000007000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e"
            + "1ffffefdfcfbfaf9f8f7f6f5f4f3f2f1f0efeeedecebeae9e8e7e6e5e4e3e2e1e00100000000000000010000000000000001"
            + "00000002000000022f61000000022f6200000001000000046e6f746500000002c3a9000000077b2276223a317dc9bdeead";

    @Test
    void sameRecordGivesSameBytesAndReadsBack() {
        DeltaRecord r = sample();
        assertArrayEquals(r.toBytes(), sample().toBytes());
        assertEquals(r, DeltaRecord.fromBytes(r.toBytes()));
        assertEquals(r.hashCode(), DeltaRecord.fromBytes(r.toBytes()).hashCode());
    }

    @Test
    void goldenVectorDecodesAndIsWhatWeWrite() {
        byte[] wire = HexFormat.of().parseHex(GOLDEN);
        assertEquals(sample(), DeltaRecord.fromBytes(wire));
        assertEquals(GOLDEN, HexFormat.of().formatHex(sample().toBytes()));
    }

    @Test
    void wireSizeIsTheLengthOfTheWireBytesCountedWithoutWritingThem() {
        assertEquals(HexFormat.of().parseHex(GOLDEN).length, sample().wireSize());
        DeltaRecord unicode = sample().toBuilder().summary(PatchSummary.of(1, 0, List.of("/\u00e9\u4e2d\ud83d\ude00")))
                .metadata("\u4e2d", "\ud83d\ude00 \u00e9").payload(new byte[1000]).build();
        assertEquals(unicode.toBytes().length, unicode.wireSize());
    }

    @Test
    void compressionRatioCountsTheWholeRecordAndPayloadRatioThePayloadOnly() {
        DeltaRecord r = sample().toBuilder().rawSize(1990).build();
        assertEquals(1990.0 / r.toBytes().length, r.compressionRatio(), 1e-12);
        assertEquals(1990.0 / 7, r.payloadRatio(), 1e-12);
        assertTrue(r.toString().contains("record " + r.wireSize() + " bytes, ratio"), r.toString());
    }

    @Test
    void matchesTellsRecordsFromOtherBytesByTheirMagic() {
        assertTrue(DeltaRecord.matches(sample().toBytes()));
        assertTrue(DeltaRecord.matches(new byte[] {'D', 'L', 'T', 'R'}), "the magic alone matches; reading may still fail");
        assertFalse(DeltaRecord.matches(new byte[] {'D', 'L', 'T'}));
        assertFalse(DeltaRecord.matches(new byte[0]));
        assertFalse(DeltaRecord.matches(null));
        assertFalse(DeltaRecord.matches("BSDIFF40".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        assertFalse(DeltaRecord.matches(new byte[] {'D', 'L', 'T', 'S', 1, 0}), "a snapshot frame is not a record");
    }

    @Test
    void everyTruncationIsCorrupt() {
        byte[] wire = sample().toBytes();
        for (int n = 0; n < wire.length; n++) {
            byte[] cut = java.util.Arrays.copyOf(wire, n);
            assertThrows(CorruptDeltaException.class, () -> DeltaRecord.fromBytes(cut), "length " + n);
        }
    }

    @Test
    void everyFlippedByteIsCorrupt() {
        byte[] wire = sample().toBytes();
        for (int i = 0; i < wire.length; i++) {
            byte[] bad = wire.clone();
            bad[i] ^= 0x5A;
            assertThrows(CorruptDeltaException.class, () -> DeltaRecord.fromBytes(bad), "offset " + i);
        }
    }

    @Test
    void badMagicAndVersionAreNamed() {
        byte[] wire = sample().toBytes();
        wire[0] = 'X';
        assertTrue(assertThrows(CorruptDeltaException.class, () -> DeltaRecord.fromBytes(wire)).getMessage()
                .contains("magic"));
        byte[] v2 = withCrc(sample().toBytes(), 4, (byte) 2);
        assertTrue(assertThrows(CorruptDeltaException.class, () -> DeltaRecord.fromBytes(v2)).getMessage()
                .contains("version 2"));
    }

    @Test
    void hugeLengthFieldsAreRefusedWithoutAllocating() {
        byte[] wire = sample().toBytes();
        // header length field at offset 6: claim 2^31 - 1 bytes and fix the CRC
        byte[] bad = wire.clone();
        bad[6] = 0x7F;
        bad[7] = (byte) 0xFF;
        bad[8] = (byte) 0xFF;
        bad[9] = (byte) 0xFF;
        byte[] fixed = withCrc(bad, 6, (byte) 0x7F);
        assertThrows(CorruptDeltaException.class, () -> DeltaRecord.fromBytes(fixed));
    }

    @Test
    void payloadAboveTheLimitIsALimitError() {
        byte[] wire = sample().toBytes();
        LimitExceededException e = assertThrows(LimitExceededException.class,
                () -> DeltaRecord.fromBytes(wire, Limits.defaults().withMaxPayloadBytes(3)));
        assertTrue(e.getMessage().contains("maxPayloadBytes"), e.getMessage());
    }

    @Test
    void randomGarbageGivesOnlyDeltaExceptions() {
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        for (int i = 0; i < 2_000; i++) {
            byte[] garbage = new byte[random.nextInt(300)];
            random.nextBytes(garbage);
            if (garbage.length > 10 && random.nextBoolean()) {
                System.arraycopy(new byte[] {'D', 'L', 'T', 'R'}, 0, garbage, 0, 4);
                garbage[4] = 1;
                garbage[5] = 0;
                garbage = withCrc(garbage, 5, (byte) 0);
            }
            byte[] input = garbage;
            try {
                DeltaRecord.fromBytes(input);
            } catch (DeltaException expected) {
                // fine
            } catch (RuntimeException e) {
                throw new AssertionError("seed=" + seed + ": " + e, e);
            }
        }
    }

    @Test
    void jsonFormRoundTrips() {
        DeltaRecord r = sample();
        assertEquals(r, DeltaRecord.fromJson(r.toJson()));
        assertTrue(r.toJson().contains("\"strategy\":\"dict\""));
    }

    @Test
    void malformedJsonIsCorrupt() {
        String json = sample().toJson();
        assertThrows(CorruptDeltaException.class, () -> DeltaRecord.fromJson(json.replace("\"index\":3", "\"index\":\"3\"")));
        assertThrows(CorruptDeltaException.class, () -> DeltaRecord.fromJson(json.replace("\"codec\":", "\"codex\":")));
        assertThrows(CorruptDeltaException.class, () -> DeltaRecord.fromJson(json.replace("\"strategy\":\"dict\"",
                "\"strategy\":\"BAD ID\"")));
        assertThrows(CorruptDeltaException.class, () -> DeltaRecord.fromJson("[]"));
        assertThrows(CorruptDeltaException.class, () -> DeltaRecord.fromJson("{"));
    }

    /** Sets one byte and recomputes the trailing CRC so that only the field check can catch it. */
    static byte[] withCrc(byte[] wire, int offset, byte value) {
        byte[] out = wire.clone();
        out[offset] = value;
        CRC32C crc = new CRC32C();
        crc.update(out, 0, out.length - 4);
        int v = (int) crc.getValue();
        int at = out.length - 4;
        out[at] = (byte) (v >>> 24);
        out[at + 1] = (byte) (v >>> 16);
        out[at + 2] = (byte) (v >>> 8);
        out[at + 3] = (byte) v;
        return out;
    }
}
