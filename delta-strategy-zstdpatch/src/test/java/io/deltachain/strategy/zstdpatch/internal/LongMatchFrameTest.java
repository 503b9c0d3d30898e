package io.deltachain.strategy.zstdpatch.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.luben.zstd.Zstd;
import io.deltachain.api.Limit;
import io.deltachain.api.LimitExceededException;
import io.deltachain.api.Limits;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Our own zstd frames, decoded by zstd (zstd-jni, checksum verified); the tool's side is ZstdToolInteropTest. */
class LongMatchFrameTest {
    private static final Limits LIMITS = Limits.defaults();

    @Test
    void editsAcrossManyBlocksDecode() {
        Random random = new Random(1);
        byte[] base = structured(random, 3 << 20);
        byte[] target = edited(random, base, 40);
        LongMatches matches = LongMatches.find(base, target);
        assertTrue(matches.count >= 20 && target.length - matches.matched < 2_000, matches.count + " matches");
        byte[] frame = LongMatchFrame.write(base.length, target, matches);
        assertArrayEquals(target, PatchFrame.decode(base, frame, 0, LIMITS, "frame"));
        assertEquals(target.length, Zstd.getFrameContentSize(frame));
        assertTrue(frame.length < 2_000, frame.length + " bytes");
    }

    @Test
    void matchesWithinTheNewVersionOverlappingThemselvesDecode() {
        Random random = new Random(2);
        byte[] base = structured(random, 200_000);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(Arrays.copyOfRange(base, 100_000, 200_000));
        byte[] fresh = new byte[5_000];
        random.nextBytes(fresh);
        out.writeBytes(fresh);
        out.writeBytes(fresh); // a match at a distance of 5,000 in the new version
        byte[] run = new byte[300_000];
        Arrays.fill(run, (byte) 7); // a match overlapping itself, offset 1, across blocks
        out.writeBytes(run);
        out.writeBytes(Arrays.copyOfRange(base, 0, 100_000));
        assertRoundTrip(base, out.toByteArray(), 7_000);
    }

    @Test
    void withoutMatchesEveryBlockIsRawAndEverySizeHeaderDecodes() {
        Random random = new Random(3);
        for (int size : new int[] {0, 1, 255, 256, 65_791, 65_792, 131_072, 131_073, 400_000}) {
            byte[] target = new byte[size];
            random.nextBytes(target);
            byte[] frame = LongMatchFrame.write(0, target, LongMatches.find(new byte[0], target));
            assertArrayEquals(target, PatchFrame.decode(new byte[0], frame, 0, LIMITS, "frame"), size + " bytes");
        }
    }

    @Test
    void repeatOffsetsAndLiteralsAtBothEndsDecode() {
        Random random = new Random(4);
        byte[] base = structured(random, 1 << 20);
        byte[] target = base.clone();
        for (int at = 1_000; at < target.length; at += 70_000) {
            target[at] ^= 0x55; // overwrites: the match resumes at the same offset
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {1, 2, 3});
        out.writeBytes(target);
        out.writeBytes(new byte[] {4, 5});
        assertRoundTrip(base, out.toByteArray(), 300);
    }

    @Test
    void theEncoderKeepsTheSmallerFrameOfSmallInputsAndTheLongMatchFrameOfLargeOnes() {
        Random random = new Random(5);
        byte[] base = structured(random, 10 << 20);
        byte[] target = edited(random, base, 30);
        byte[] frame = PatchFrame.encode(base, target, 3);
        assertArrayEquals(LongMatchFrame.write(base.length, target, LongMatches.find(base, target)), frame);
        assertArrayEquals(target, PatchFrame.decode(base, frame, 0, LIMITS, "frame"));
    }

    @Test
    void xxh64MatchesItsReferenceValues() {
        assertEquals(0xEF46DB3751D8E999L, LongMatchFrame.Xxh64.hash(new byte[0]));
    }

    @Test
    void tablesReachTheWholeOldVersion() {
        Tuning three = Tuning.of(3, 16 << 20, 16 << 20);
        assertEquals(2, three.strategy());
        assertTrue(8L << Math.max(three.hashLog(), three.chainLog()) >= 16 << 20, three.toString());
        assertEquals(5, Tuning.of(3, 64 << 20, 64 << 20).strategy(), "past 16 MiB the lazy matcher");
        assertEquals(26, Tuning.of(19, 16 << 20, 16 << 20).chainLog(), "a tree over the 32 MiB window");
        assertEquals(28, Tuning.of(19, 1 << 30, 1 << 30).chainLog(), "at most 2^28");
        assertEquals(Tuning.of(12, 0, 1000).hashLog(), 23, "no old version: the level's own");
        assertTrue(Tuning.of(19, 16 << 20, 16 << 20).nativeBytes() > 512L << 20);
    }

    @Test
    void nativeMemoryBeyondTheMachineIsALimitExceededException() {
        LimitExceededException e = assertThrows(LimitExceededException.class,
                () -> Memory.requireNative(Long.MAX_VALUE / 2, "a test"));
        assertEquals(Limit.HEAP, e.limit());
        assertTrue(e.getMessage().contains("native memory") && e.getMessage().contains("lower level"), e.getMessage());
    }

    private static void assertRoundTrip(byte[] base, byte[] target, int most) {
        byte[] frame = LongMatchFrame.write(base.length, target, LongMatches.find(base, target));
        assertArrayEquals(target, PatchFrame.decode(base, frame, 0, LIMITS, "frame"));
        assertTrue(frame.length < most, frame.length + " bytes");
    }

    static byte[] structured(Random random, int size) {
        String[] tokens = {"getfield", "invokestatic", "java/lang/Object", "<clinit>", "(I)J", "LineNumberTable"};
        ByteArrayOutputStream out = new ByteArrayOutputStream(size + 32);
        while (out.size() < size) {
            out.writeBytes(tokens[random.nextInt(tokens.length)].getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.write(random.nextInt(256));
        }
        return Arrays.copyOf(out.toByteArray(), size);
    }

    static byte[] edited(Random random, byte[] base, int edits) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(base.length + edits * 32);
        int pos = 0;
        for (int cut : random.ints(edits, 0, base.length).sorted().toArray()) {
            if (cut < pos) {
                continue;
            }
            out.write(base, pos, cut - pos);
            byte[] fresh = new byte[1 + random.nextInt(32)];
            random.nextBytes(fresh);
            int op = random.nextInt(3);
            if (op != 2) {
                out.writeBytes(fresh);
            }
            pos = op == 1 ? cut : Math.min(base.length, cut + fresh.length);
        }
        out.write(base, pos, base.length - pos);
        return out.toByteArray();
    }
}
