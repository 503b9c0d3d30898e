package io.deltachain.strategy.bsdiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltachain.api.CorruptDeltaException;
import io.deltachain.api.DeltaException;
import io.deltachain.api.Limit;
import io.deltachain.api.LimitExceededException;
import io.deltachain.api.Limits;
import io.deltachain.spi.NativeFormat;
import io.deltachain.strategy.bsdiff.internal.HeapCheck;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.junit.jupiter.api.Test;

/** Every validation of apply, fed the patch that needs it: CVE-2014-9862 and CVE-2020-14315 style inputs. */
class HostilePatchTest {
    private static final byte[] OLD = "0123456789abcdefghij".getBytes(StandardCharsets.US_ASCII);
    private final BsdiffStrategy strategy = new BsdiffStrategy();
    private final NativeFormat<byte[]> bsdiff40 = strategy.nativeFormat().orElseThrow();

    // ---- record payloads ("DLTBSD"), uncompressed: every field can be forged directly ----

    private static byte[] payload(long newSize, long[] triples, byte[] diff, byte[] extra) {
        ByteBuffer b = ByteBuffer.allocate(36 + 8 * triples.length + diff.length + extra.length);
        b.put("DLTBSD".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
        b.putLong(newSize).putInt(triples.length / 3).putLong(diff.length).putLong(extra.length);
        for (long t : triples) {
            b.putLong(t);
        }
        return b.put(diff).put(extra).array();
    }

    private void corruptPayload(byte[] payload, String messagePart) {
        CorruptDeltaException e = assertThrows(CorruptDeltaException.class,
                () -> strategy.apply(OLD, payload, Limits.defaults()));
        assertTrue(e.getMessage().contains(messagePart), e.getMessage());
    }

    @Test
    void aValidForgedPayloadApplies() {
        byte[] out = strategy.apply(OLD, payload(4, new long[] {2, 2, 3}, new byte[] {0, 1}, "XY".getBytes()),
                Limits.defaults());
        assertArrayEquals(new byte[] {'0', '2', 'X', 'Y'}, out);
    }

    @Test
    void payloadControlTriplesAreValidatedBeforeAnyCopy() {
        corruptPayload(payload(4, new long[] {-1, 5, 0}, new byte[0], new byte[4]), "negative length");
        corruptPayload(payload(4, new long[] {0, -5, 0}, new byte[0], new byte[4]), "negative length");
        corruptPayload(payload(4, new long[] {5, 0, 0, 0, 0, 0}, new byte[4], new byte[0]), "ask for more");
        corruptPayload(payload(4, new long[] {Long.MAX_VALUE, 0, 0}, new byte[4], new byte[0]), "ask for more");
        corruptPayload(payload(4, new long[] {0, 9, 0}, new byte[0], new byte[4]), "ask for more");
        corruptPayload(payload(4, new long[] {1, 0, Long.MIN_VALUE, 3, 0, 0}, new byte[4], new byte[0]), "seeks");
        corruptPayload(payload(4, new long[] {2, 0, 0}, new byte[2], new byte[2]), "use 2 diff and 0 extra");
        corruptPayload(payload(2, new long[] {2, 0, 0, 0, 0, 0}, new byte[2], new byte[0]), "left over");
    }

    @Test
    void payloadLengthsMustAddUp() {
        byte[] ok = payload(4, new long[] {2, 2, 3}, new byte[2], new byte[2]);
        corruptPayload(Arrays.copyOf(ok, ok.length - 1), "do not add up");
        corruptPayload(Arrays.copyOf(ok, ok.length + 1), "do not add up");
        corruptPayload(Arrays.copyOf(ok, 20), "truncated");
        corruptPayload(payload(1L << 40, new long[0], new byte[0], new byte[0]), "do not add up");
        corruptPayload(payload(-1, new long[0], new byte[0], new byte[0]), "negative");
        byte[] huge = ok.clone();
        ByteBuffer.wrap(huge).putInt(16, Integer.MAX_VALUE);
        corruptPayload(huge, "do not add up");
        byte[] magic = ok.clone();
        magic[0] = 'X';
        corruptPayload(magic, "magic");
        byte[] version = ok.clone();
        version[6] = 9;
        corruptPayload(version, "version 9");
        byte[] tooShortForV2 = Arrays.copyOf(ok, 40);
        tooShortForV2[6] = 2;
        corruptPayload(tooShortForV2, "truncated");
    }

    /** A version 2 payload with a hand-made coded diff block. */
    private static byte[] payloadV2(long newSize, long[] triples, long diffLength, byte[] coded, byte[] extra) {
        ByteBuffer b = ByteBuffer.allocate(44 + 8 * triples.length + coded.length + extra.length);
        b.put("DLTBSD".getBytes(StandardCharsets.US_ASCII)).put((byte) 2).put((byte) 0);
        b.putLong(newSize).putInt(triples.length / 3).putLong(diffLength).putLong(extra.length).putLong(coded.length);
        for (long t : triples) {
            b.putLong(t);
        }
        return b.put(coded).put(extra).array();
    }

    @Test
    void codedDiffBlocksAreValidated() {
        // 2 zeros then 2 literal bytes: adds 0,0,1,1 to "0123"
        byte[] ok = payloadV2(4, new long[] {4, 0, 0}, 4, new byte[] {2, 2, 1, 1}, new byte[0]);
        assertArrayEquals("0134".getBytes(StandardCharsets.US_ASCII), strategy.apply(OLD, ok, Limits.defaults()));
        corruptPayload(payloadV2(4, new long[] {4, 0, 0}, 4, new byte[] {2, 9, 1, 1}, new byte[0]), "runs past");
        corruptPayload(payloadV2(4, new long[] {4, 0, 0}, 4, new byte[] {1, 1, 1}, new byte[0]), "decodes to 2 bytes, not 4");
        corruptPayload(payloadV2(4, new long[] {4, 0, 0}, 4, new byte[] {(byte) 0x80, (byte) 0x80, (byte) 0x80,
            (byte) 0x80, (byte) 0x80, 1}, new byte[0]), "longer than 5 bytes");
        corruptPayload(payloadV2(4, new long[] {4, 0, 0}, 4, new byte[] {(byte) 0x80}, new byte[0]), "ends inside");
        corruptPayload(payloadV2(4, new long[] {4, 0, 0}, 4, new byte[] {4, 0, 0, 0}, new byte[0]), "left over");
    }

    /** A version 3 payload with hand-made control, zero-run and literal streams. */
    private static byte[] payloadV3(long newSize, int triples, long diffLength, long extraLength, byte[] control,
                                    byte[] runs, byte[] literals, byte[] extra) {
        ByteBuffer b = ByteBuffer.allocate(60 + control.length + runs.length + literals.length + extra.length);
        b.put("DLTBSD".getBytes(StandardCharsets.US_ASCII)).put((byte) 3).put((byte) 0);
        b.putLong(newSize).putInt(triples).putLong(diffLength).putLong(extraLength).putLong(control.length)
                .putLong(runs.length).putLong(literals.length);
        return b.put(control).put(runs).put(literals).put(extra).array();
    }

    @Test
    void versionThreeStreamsAreValidated() {
        byte[] ctl = {4, 0, 0};
        byte[] runs = {2, 2};
        byte[] lits = {1, 1};
        // 2 zeros then 2 literal bytes: adds 0,0,1,1 to "0123"
        byte[] ok = payloadV3(4, 1, 4, 0, ctl, runs, lits, new byte[0]);
        assertArrayEquals("0134".getBytes(StandardCharsets.US_ASCII), strategy.apply(OLD, ok, Limits.defaults()));
        corruptPayload(payloadV3(4, 1, 4, 0, ctl, new byte[] {2, 3}, lits, new byte[0]), "more literal bytes");
        corruptPayload(payloadV3(4, 1, 4, 0, ctl, new byte[] {1, 2}, lits, new byte[0]), "decodes to 3 bytes");
        corruptPayload(payloadV3(4, 1, 4, 0, new byte[] {4, 0}, runs, lits, new byte[0]), "cannot fit");
        corruptPayload(payloadV3(4, 1, 4, 0, new byte[] {4, 0, (byte) 0x80}, runs, lits, new byte[0]), "ends inside");
        corruptPayload(payloadV3(4, 1, 4, 0, new byte[] {4, 0, 0, 0}, runs, lits, new byte[0]), "after its 1 triples");
        corruptPayload(payloadV3(4, 1, 4, 0, new byte[] {5, 0, 0}, runs, lits, new byte[0]), "more than the diff");
        corruptPayload(payloadV3(4, 1000, 4, 0, ctl, runs, lits, new byte[0]), "cannot fit");
        byte[] longVarint = new byte[12];
        Arrays.fill(longVarint, (byte) 0x80);
        corruptPayload(payloadV3(4, 1, 4, 0, longVarint, runs, lits, new byte[0]), "longer than 10 bytes");
        byte[] lengths = ok.clone();
        lengths[43] = 9; // control length
        corruptPayload(lengths, "do not add up");
        corruptPayload(Arrays.copyOf(ok, 50), "truncated");
    }

    @Test
    void aNativePatchHandedInAsAPayloadIsNamed() {
        corruptPayload(HexFormat.of().parseHex(BsdiffInteropTest.GOLDEN_PATCH), "native BSDIFF40");
    }

    @Test
    void newSizeAboveTheCallersLimitIsALimitError() {
        byte[] p = payload(100, new long[] {0, 100, 0}, new byte[0], new byte[100]);
        assertThrows(LimitExceededException.class, () -> strategy.apply(OLD, p, Limits.defaults().withMaxStateBytes(50)));
    }

    // ---- native BSDIFF40 ----

    private static byte[] bzip2(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (BZip2CompressorOutputStream bz = new BZip2CompressorOutputStream(out)) {
            bz.write(data);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return out.toByteArray();
    }

    private static void offt(long v, byte[] out, int at) {
        long m = Math.abs(v);
        for (int i = 0; i < 8; i++) {
            out[at + i] = (byte) (m >>> (8 * i));
        }
        if (v < 0) {
            out[at + 7] |= (byte) 0x80;
        }
    }

    private static byte[] nativePatch(long newSize, long[] triples, byte[] diff, byte[] extra) {
        byte[] control = new byte[8 * triples.length];
        for (int i = 0; i < triples.length; i++) {
            offt(triples[i], control, 8 * i);
        }
        byte[] c = bzip2(control);
        byte[] d = bzip2(diff);
        byte[] e = bzip2(extra);
        byte[] out = new byte[32 + c.length + d.length + e.length];
        System.arraycopy("BSDIFF40".getBytes(StandardCharsets.US_ASCII), 0, out, 0, 8);
        offt(c.length, out, 8);
        offt(d.length, out, 16);
        offt(newSize, out, 24);
        System.arraycopy(c, 0, out, 32, c.length);
        System.arraycopy(d, 0, out, 32 + c.length, d.length);
        System.arraycopy(e, 0, out, 32 + c.length + d.length, e.length);
        return out;
    }

    private void corruptNative(byte[] patch, String messagePart) {
        CorruptDeltaException e = assertThrows(CorruptDeltaException.class,
                () -> bsdiff40.apply(OLD, patch, Limits.defaults()));
        assertTrue(e.getMessage().contains(messagePart), e.getMessage());
    }

    @Test
    void nativeControlTriplesAreValidated() {
        assertArrayEquals("02XY".getBytes(), bsdiff40.apply(OLD,
                nativePatch(4, new long[] {2, 2, 3}, new byte[] {0, 1}, "XY".getBytes()), Limits.defaults()));
        corruptNative(nativePatch(4, new long[] {-1, 5, 0}, new byte[0], new byte[4]), "negative length");
        corruptNative(nativePatch(4, new long[] {5, 0, 0}, new byte[5], new byte[0]), "past the new size");
        corruptNative(nativePatch(4, new long[] {0, 9, 0}, new byte[0], new byte[9]), "past the new size");
        corruptNative(nativePatch(4, new long[] {2, 2}, new byte[2], new byte[2]), "control block ends");
        corruptNative(nativePatch(4, new long[] {2, 0, 0}, new byte[1], new byte[0]), "diff block ends");
        corruptNative(nativePatch(4, new long[] {0, 4, 0}, new byte[0], new byte[2]), "extra block ends");
        corruptNative(nativePatch(4, new long[] {0, 0, 0, 0, 0, 0}, new byte[0], new byte[0]), "ends at new offset 0");
        corruptNative(nativePatch(4, new long[3 * 2000], new byte[0], new byte[4]), "ends at new offset 0");
        // Triples that produce nothing are legal (bsdiff 4.3 writes runs of them on periodic data).
        long[] idleThenCopy = new long[3 * 2001];
        idleThenCopy[3 * 2000 + 1] = 4;
        assertArrayEquals("WXYZ".getBytes(), bsdiff40.apply(OLD, nativePatch(4, idleThenCopy, new byte[0],
                "WXYZ".getBytes()), Limits.defaults()));
    }

    @Test
    void nativeHeaderIsValidated() {
        byte[] ok = nativePatch(4, new long[] {2, 2, 3}, new byte[2], new byte[2]);
        corruptNative(Arrays.copyOf(ok, 31), "truncated");
        byte[] negative = ok.clone();
        negative[15] |= (byte) 0x80;
        corruptNative(negative, "negative");
        byte[] past = ok.clone();
        offt(1L << 40, past, 8);
        corruptNative(past, "holds");
        byte[] magic = ok.clone();
        magic[7] = '1';
        corruptNative(magic, "BSDIFF40");
        byte[] blocks = ok.clone();
        blocks[40] ^= 0x55;
        corruptNative(blocks, "not valid bzip2");
        int extraAt = 32 + (int) ByteBuffer.wrap(ok, 8, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong()
                + (int) ByteBuffer.wrap(ok, 16, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
        corruptNative(Arrays.copyOf(ok, extraAt + 6), "extra block");
        assertThrows(LimitExceededException.class, () -> bsdiff40.apply(OLD,
                nativePatch(1L << 40, new long[0], new byte[0], new byte[0]), Limits.defaults()));
    }

    @Test
    void endsleyBsdiff43IsRefusedByName() {
        byte[] patch = new byte[64];
        System.arraycopy("ENDSLEY/BSDIFF43".getBytes(StandardCharsets.US_ASCII), 0, patch, 0, 16);
        corruptNative(patch, "ENDSLEY/BSDIFF43");
    }

    @Test
    void aBzip2BombIsALimitErrorNotAnAllocation() {
        int size = 64 << 20;
        byte[] bomb = nativePatch(size, new long[] {0, size, 0}, new byte[0], new byte[size]);
        assertTrue(bomb.length < 100_000, "the bomb is small: " + bomb.length);
        // refused from the new size it claims: 64 MiB is more than the ratio allows for the patch and OLD
        LimitExceededException e = assertThrows(LimitExceededException.class,
                () -> bsdiff40.apply(OLD, bomb, Limits.defaults()));
        assertEquals(Limit.EXPANSION_RATIO, e.limit());
        assertTrue(e.getMessage().contains("withMaxExpansionRatio"), e.getMessage());
    }

    @Test
    void aControlBlockOfEmptyTriplesIsBoundedByTheRatio() {
        // triples that produce nothing are legal, so a bzip2'd control block of zeros would be read for long
        byte[] bomb = nativePatch(1, new long[3 * (1 << 18)], new byte[0], new byte[0]);
        LimitExceededException e = assertThrows(LimitExceededException.class,
                () -> bsdiff40.apply(OLD, bomb, Limits.defaults().withMaxExpansionRatio(16)));
        assertEquals(Limit.EXPANSION_RATIO, e.limit());
        assertTrue(e.getMessage().contains("control block"), e.getMessage());
    }

    @Test
    void randomGarbageAndFlipsGiveOnlyDeltaExceptions() {
        long seed = new Random().nextLong();
        Random r = new Random(seed);
        byte[] good = bsdiff40.diff(OLD, "0123456789ABCDEFghij and a tail".getBytes());
        for (int i = 0; i < 3000; i++) {
            byte[] bad = good.clone();
            int flips = 1 + r.nextInt(3);
            for (int f = 0; f < flips; f++) {
                bad[r.nextInt(bad.length)] ^= (byte) (1 << r.nextInt(8));
            }
            if (r.nextInt(4) == 0) {
                bad = Arrays.copyOf(bad, r.nextInt(bad.length));
            }
            try {
                bsdiff40.apply(OLD, bad, Limits.defaults().withMaxStateBytes(1 << 20));
            } catch (DeltaException expected) {
                // fine: any DeltaException
            } catch (RuntimeException | Error e) {
                throw new AssertionError("seed=" + seed + " iteration " + i + ": " + e, e);
            }
        }
    }

    @Test
    void farSeeksAndHugeClaimsAreRefusedBeforeAnyCopy() {
        // Two seeks of -(2^32 - 5) then (10, 0, 0): the old position lies far before the file, so, as in
        // bspatch, no old byte is added (this once overflowed an int and read outside the array).
        assertArrayEquals(new byte[10], bsdiff40.apply(OLD, nativePatch(10, new long[] {0, 0, -(1L << 31) * 2 + 5,
            0, 0, -(1L << 31) * 2 + 5, 10, 0, 0}, new byte[10], new byte[0]), Limits.defaults()));
        long[] drift = new long[3 * 300];
        for (int i = 0; i < 300; i++) {
            drift[3 * i + 2] = -(1L << 31) * 2 + 2;
        }
        corruptNative(nativePatch(4, drift, new byte[0], new byte[0]), "far outside any old file");
        // a 44-byte payload that claims a 2 GiB file with no triple is refused before allocating it
        corruptPayload(payloadV2(Integer.MAX_VALUE, new long[0], Integer.MAX_VALUE, new byte[0], new byte[0]),
                "use 0 diff");
    }

    @Test
    void memoryFollowsTheBytesAPatchHoldsNotTheNewSizeItClaims() {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        for (long claim : new long[] {1536L << 20, Integer.MAX_VALUE}) {
            // no triple at all, then one that adds more than the diff block holds
            for (long[] triples : new long[][] {{}, {claim, 0, 0}}) {
                byte[] patch = nativePatch(claim, triples, new byte[100], new byte[0]);
                long before = threads.getThreadAllocatedBytes(id);
                // a ratio that lets the claim through: the growth of the output, not the ratio, is tested here
                Limits anyRatio = Limits.defaults().withMaxExpansionRatio(Integer.MAX_VALUE);
                assertThrows(CorruptDeltaException.class, () -> bsdiff40.apply(OLD, patch, anyRatio));
                long allocated = threads.getThreadAllocatedBytes(id) - before;
                assertTrue(allocated < 16L << 20, "a " + patch.length + "-byte patch claiming " + claim
                        + " bytes allocated " + (allocated >> 20) + " MiB before it was refused");
            }
        }
    }

    @Test
    void diffingMoreThanTheHeapHoldsIsALimitError() {
        LimitExceededException e = assertThrows(LimitExceededException.class,
                () -> HeapCheck.require(Long.MAX_VALUE / 2, "bsdiff of two huge files"));
        assertTrue(e.getMessage().contains("-Xmx"), e.getMessage());
    }

    // ---- the expansion ratio (Limits.maxExpansionRatio) ----

    @Test
    void aZeroRunClaimingTwoGigabytesIsRefusedFromItsClaimBeforeAnyAllocation() {
        long claim = Integer.MAX_VALUE - 8;
        byte[] varint = {(byte) 0xf7, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x07}; // 2^31 - 9
        byte[] control = new byte[varint.length + 2];
        System.arraycopy(varint, 0, control, 0, varint.length);
        byte[] runs = Arrays.copyOf(varint, varint.length + 1); // one zero run of the whole file, no literal
        byte[] bomb = payloadV3(claim, 1, claim, 0, control, runs, new byte[0], new byte[0]);
        assertTrue(bomb.length < 100, "the bomb is small: " + bomb.length);
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        LimitExceededException e = assertThrows(LimitExceededException.class,
                () -> strategy.apply(OLD, bomb, Limits.defaults()));
        long allocated = threads.getThreadAllocatedBytes(id) - before;
        assertEquals(Limit.EXPANSION_RATIO, e.limit());
        assertEquals(claim, e.actual());
        assertEquals(Limits.defaults().maxExpandedBytes(bomb.length, OLD.length), e.allowed());
        assertTrue(e.getMessage().contains(bomb.length + " encoded bytes and a " + OLD.length + "-byte base"),
                e.getMessage());
        assertTrue(allocated < 1 << 20, "allocated " + allocated + " bytes before refusing");
    }

    @Test
    void aOneByteChangeToALargeFileAppliesUnderTheSmallestRatioBecauseTheBaseCounts() {
        byte[] old = new byte[4 << 20];
        new Random(7).nextBytes(old);
        byte[] changed = old.clone();
        changed[old.length / 2] ^= 1;
        Limits tightest = Limits.defaults().withMaxExpansionRatio(1);
        byte[] payload = strategy.diff(old, changed);
        assertTrue(changed.length > tightest.maxExpandedBytes(payload.length, 0), "the output alone is beyond it");
        assertArrayEquals(changed, strategy.apply(old, payload, tightest));
        assertArrayEquals(changed, bsdiff40.apply(old, bsdiff40.diff(old, changed), tightest));
    }

    @Test
    void theDiffAndExtraBlocksOfANativePatchAreBoundedByTheNewSizeNotThePayloadLimit() {
        // bsdiff's own patch of a file larger than maxPayloadBytes: its diff block alone is that large
        byte[] old = new byte[3 << 20];
        new Random(8).nextBytes(old);
        byte[] changed = old.clone();
        changed[5] ^= 1;
        Limits limits = Limits.defaults().withMaxPayloadBytes(1 << 20);
        assertArrayEquals(changed, bsdiff40.apply(old, bsdiff40.diff(old, changed), limits));
    }
}
