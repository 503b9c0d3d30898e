package io.deltachain.strategy.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import io.deltachain.api.CorruptDeltaException;
import io.deltachain.api.Limit;
import io.deltachain.api.LimitExceededException;
import io.deltachain.api.Limits;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.SourceDSL;

/** Added lines that the base has elsewhere (moved or repeated blocks) are stored as copies of its lines. */
class CopyPiecesTest {
    private static final TextStrategy TEXT = new TextStrategy();

    private static String numbered(int from, int to) {
        StringBuilder b = new StringBuilder();
        for (int i = from; i < to; i++) {
            b.append("    private static final int CONSTANT_").append(i).append(" = ").append(i * 7).append(";\n");
        }
        return b.toString();
    }

    @Test
    void aMovedBlockCostsAFewBytesNotItsText() {
        String base = numbered(0, 60);
        String moved = numbered(0, 10) + numbered(30, 60) + numbered(10, 30);
        byte[] payload = TEXT.diff(base, moved);
        assertEquals(moved, TEXT.apply(base, payload, Limits.defaults()));
        assertTrue(payload.length < 40, "a moved block of 20 lines took " + payload.length + " bytes");
        assertEquals(2, payload[7] & 2, "the flag says the hunks hold pieces");
        assertTrue(hex(payload).startsWith("DLTTXT 01 02 3c "), hex(payload));
        assertTrue(hex(payload).endsWith(" 02 0a 14 00 1e 00 01 29 0a"), "docs/FORMAT.md's example: " + hex(payload));
        String described = TEXT.describe(payload).orElseThrow();
        assertTrue(described.contains("+\u2026 20 lines copied from base lines 11-30\n"), described);
        String withBase = TEXT.describe(base, payload, Limits.defaults()).orElseThrow();
        assertTrue(withBase.contains("+    private static final int CONSTANT_10 = 70;\n"), withBase);
        assertEquals(20, TEXT.summary(payload).changes(), "copied lines are added lines");
        assertEquals(20, TEXT.summary(payload).removals());
    }

    @Test
    void aPayloadWithoutCopiesKeepsThePlainLayout() {
        byte[] payload = TEXT.diff("a\nb\nc\n", "a\nB\nc\n");
        assertEquals("DLTTXT 01 00 03 06 01 01 01 02 42 0a", hex(payload), "docs/FORMAT.md's example");
    }

    private static String hex(byte[] payload) {
        StringBuilder b = new StringBuilder("DLTTXT");
        for (int i = 6; i < payload.length; i++) {
            b.append(String.format(" %02x", payload[i]));
        }
        return b.toString();
    }

    private static final Gen<String[]> MOVES = SourceDSL.longs().all().map(seed -> {
        Random r = new Random(seed);
        List<String> base = new ArrayList<>();
        int n = r.nextInt(80);
        for (int i = 0; i < n; i++) {
            base.add(r.nextInt(4) == 0 ? "}\n" : "line " + r.nextInt(60) + " of a longer text\n");
        }
        return new String[] {String.join("", base), String.join("", shuffleBlocks(r, base)),
            String.join("", shuffleBlocks(r, shuffleBlocks(r, base)))};
    });

    /** Moves, copies and drops a few blocks; sometimes the last line loses its line end. */
    private static List<String> shuffleBlocks(Random r, List<String> lines) {
        List<String> out = new ArrayList<>(lines);
        for (int k = r.nextInt(4); k > 0 && !out.isEmpty(); k--) {
            int from = r.nextInt(out.size());
            int to = Math.min(out.size(), from + 1 + r.nextInt(8));
            List<String> block = new ArrayList<>(out.subList(from, to));
            if (r.nextBoolean()) {
                out.subList(from, to).clear();
            }
            out.addAll(r.nextInt(out.size() + 1), block);
            if (r.nextInt(5) == 0) {
                out.add("new line " + r.nextInt() + "\n");
            }
        }
        if (!out.isEmpty() && r.nextInt(4) == 0) {
            String last = out.remove(out.size() - 1);
            out.add(last.substring(0, last.length() - 1));
        }
        return out;
    }

    @Test
    void movedAndRepeatedBlocksRoundTripComposeAndRender() {
        qt().withExamples(500).forAll(MOVES).checkAssert(t -> {
            byte[] ab = TEXT.diff(t[0], t[1]);
            byte[] bc = TEXT.diff(t[1], t[2]);
            assertEquals(t[1], TEXT.apply(t[0], ab, Limits.defaults()));
            byte[] ac = TEXT.compose(ab, bc);
            assertEquals(t[2], TEXT.apply(t[0], ac, Limits.defaults()));
            assertEquals(t[2], TEXT.apply(t[0], TEXT.compose(TEXT.diff(t[0], t[0]), ac), Limits.defaults()));
            String hunks = TEXT.describe(t[0], ac, Limits.defaults()).orElseThrow();
            if (!hunks.isEmpty()) {
                byte[] patch = ("--- a\n+++ b\n" + hunks).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                assertEquals(t[2], UnifiedDiff.standard().apply(t[0], patch, Limits.defaults()));
            }
            assertEquals(TEXT.summary(ac).changes() - TEXT.summary(ac).removals(),
                    t[2].lines().count() - t[0].lines().count(), "added minus removed lines");
        });
    }

    @Test
    void aCopyPastTheBaseOrOfAnUnterminatedLastLineInTheMiddleIsRefused() {
        // "DLTTXT" 1, flags 2 | 2 lines, 4 bytes | 1 hunk: skip 0, remove 0, 1 piece: copy 1 line from line 2 of 2
        byte[] past = {'D', 'L', 'T', 'T', 'X', 'T', 1, 2, 2, 4, 1, 0, 0, 1, 3, 2};
        CorruptDeltaException e = assertThrows(CorruptDeltaException.class, () -> TEXT.describe(past));
        assertTrue(e.getMessage().contains("piece 1 of hunk 1 copies base lines 3 to 3, past the base's 2 lines"),
                e.getMessage());
        // copy the base's last line "b" (no line end) to the front: the text would go on after it
        byte[] joined = {'D', 'L', 'T', 'T', 'X', 'T', 1, 2, 2, 3, 1, 0, 0, 1, 3, 1};
        CorruptDeltaException j = assertThrows(CorruptDeltaException.class,
                () -> TEXT.apply("a\nb", joined, Limits.defaults()));
        assertTrue(j.getMessage().contains("copies the base's last line, which has no line end"), j.getMessage());
        byte[] empty = {'D', 'L', 'T', 'T', 'X', 'T', 1, 2, 2, 4, 1, 0, 0, 1, 1, 0};
        assertThrows(CorruptDeltaException.class, () -> TEXT.describe(empty));
    }

    @Test
    void copiesThatRepeatTheBaseFarMoreThanThePayloadHoldsHitTheExpansionRatio() {
        String base = numbered(0, 60);
        String repeated = base.repeat(1000);
        byte[] payload = TEXT.diff(base, repeated);
        assertTrue(payload.length < repeated.length() / 100, "copies: " + payload.length + " bytes");
        assertEquals(repeated, TEXT.apply(base, payload, Limits.defaults()));
        Limits tightest = Limits.defaults().withMaxExpansionRatio(1);
        LimitExceededException e = assertThrows(LimitExceededException.class,
                () -> TEXT.apply(base, payload, tightest));
        assertEquals(Limit.EXPANSION_RATIO, e.limit());
        assertEquals(repeated.length(), e.actual());
    }
}
