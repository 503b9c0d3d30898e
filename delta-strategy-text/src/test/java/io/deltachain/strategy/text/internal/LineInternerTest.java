package io.deltachain.strategy.text.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The interner's ids are those of a plain map from line bytes to first-seen order (a's lines, then b's),
 * whatever path gave them: the table, or the line of a that follows the one matched before.
 */
class LineInternerTest {
    @Test
    void idsAreFirstSeenOrderOfDistinctLines() {
        SplittableRandom random = new SplittableRandom(20261204);
        for (int trial = 0; trial < 2000; trial++) {
            int vocabulary = 1 + random.nextInt(trial % 3 == 0 ? 4 : 200); // few distinct lines: many repeats
            byte[] a = text(random, vocabulary, random.nextInt(60));
            byte[] b = random.nextInt(4) == 0 ? text(random, vocabulary, random.nextInt(60)) : edited(random, a, vocabulary);
            Lines la = Lines.split(a);
            Lines lb = Lines.split(b);
            int[][] got = LineInterner.intern(la, lb);
            Map<String, Integer> ids = new HashMap<>();
            int[] wantA = naive(la, ids);
            int distinctA = ids.size();
            int[] wantB = naive(lb, ids);
            assertArrayEquals(wantA, got[0], "a's ids, trial " + trial);
            assertArrayEquals(wantB, got[1], "b's ids, trial " + trial);
            assertEquals(ids.size(), got[2][0], "distinct, trial " + trial);
            assertEquals(distinctA, got[2][1], "distinct in a, trial " + trial);
        }
    }

    private static int[] naive(Lines lines, Map<String, Integer> ids) {
        int[] out = new int[lines.count()];
        for (int i = 0; i < out.length; i++) {
            String line = new String(lines.text(), lines.start(i), lines.start(i + 1) - lines.start(i),
                    StandardCharsets.ISO_8859_1);
            out[i] = ids.computeIfAbsent(line, k -> ids.size());
        }
        return out;
    }

    private static byte[] text(SplittableRandom random, int vocabulary, int lines) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            s.append("line ").append(random.nextInt(vocabulary)).append(random.nextInt(9) == 0 ? "" : " with more text").append('\n');
        }
        if (random.nextBoolean()) {
            s.append("last, no newline ").append(random.nextInt(vocabulary));
        }
        return s.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] edited(SplittableRandom random, byte[] a, int vocabulary) {
        Lines la = Lines.split(a);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < la.count(); i++) {
            int r = random.nextInt(10);
            if (r == 0) {
                continue; // removed
            }
            if (r == 1) {
                out.writeBytes(("new " + random.nextInt(vocabulary) + "\n").getBytes(StandardCharsets.ISO_8859_1));
            }
            out.write(la.text(), la.start(i), la.start(i + 1) - la.start(i));
        }
        return out.toByteArray();
    }
}
