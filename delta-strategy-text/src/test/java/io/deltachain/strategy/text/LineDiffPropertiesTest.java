package io.deltachain.strategy.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.Patch;
import com.github.difflib.patch.PatchFailedException;
import io.deltachain.api.Limits;
import io.deltachain.strategy.text.internal.TextDiff;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Round trips for all generated texts (QuickTheories; a failure prints the seed), the diff through
 * java-diff-utils, and scale: linear memory and bounded time where no line is shared or every line repeats.
 */
class LineDiffPropertiesTest {
    private static final Gen<String[]> PAIRS = longSeed().map(seed -> {
        Random r = new Random(seed);
        String base = Texts.text(r, 40);
        return new String[] {base, r.nextInt(5) == 0 ? Texts.text(r, 30) : Texts.edit(r, base, r.nextInt(10))};
    });

    private static Gen<Long> longSeed() {
        return org.quicktheories.generators.SourceDSL.longs().all();
    }

    @Test
    void unifiedDiffsRoundTripAtEveryContext() {
        qt().withExamples(300).forAll(PAIRS).checkAssert(p -> {
            for (int context : new int[] {0, 1, 3}) {
                UnifiedDiff u = UnifiedDiff.standard().withContext(context);
                assertEquals(p[1], u.apply(p[0], u.diff(p[0], p[1]), Limits.defaults()), "context " + context);
            }
        });
    }

    @Test
    void recordsRoundTripComposeAndAreSmallerThanTheUnifiedDiff() {
        TextStrategy s = new TextStrategy();
        qt().withExamples(300).forAll(PAIRS, PAIRS).checkAssert((p, q) -> {
            byte[] ab = s.diff(p[0], p[1]);
            assertEquals(p[1], s.apply(p[0], ab, Limits.defaults()));
            byte[] bc = s.diff(p[1], q[1]);
            assertEquals(q[1], s.apply(p[0], s.compose(ab, bc), Limits.defaults()));
            if (!p[0].equals(p[1])) {
                assertTrue(ab.length < UnifiedDiff.standard().diff(p[0], p[1]).length + 10);
            }
        });
    }

    @Test
    void asADiffUtilsAlgorithmItsPatchesApply() throws PatchFailedException {
        Random r = new Random(7);
        for (int i = 0; i < 200; i++) {
            List<String> a = Texts.split(Texts.text(r, 40));
            List<String> b = Texts.split(Texts.edit(r, String.join("", a), r.nextInt(8)));
            Patch<String> patch = DiffUtils.diff(a, b, new LineDiffAlgorithm<>());
            assertEquals(b, patch.applyTo(a));
            Patch<String> viaFactory = DiffUtils.diff(a, b, LineDiffAlgorithm.factory().create());
            assertEquals(patch.getDeltas().size(), viaFactory.getDeltas().size());
        }
    }

    @Test
    void twoLargeTextsWithNoLineInCommonCostOnePass() {
        byte[] a = numbered("old", 1_000_000);
        byte[] b = numbered("new", 1_000_000);
        long start = System.nanoTime();
        TextDiff d = TextDiff.of(a, b);
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertEquals(1, d.edits().count());
        assertTrue(d.edits().minimal());
        assertTrue(ms < 5_000, "took " + ms + " ms");
    }

    @Test
    void repetitiveTextsStayWithinTheBudgetAndSaySoWhenNotMinimal() {
        Random r = new Random(3);
        StringBuilder a = new StringBuilder();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 60_000; i++) {
            a.append(r.nextBoolean() ? "x\n" : "y\n");
            b.append(r.nextBoolean() ? "x\n" : "y\n");
        }
        long start = System.nanoTime();
        TextStrategy s = new TextStrategy();
        byte[] payload = s.diff(a.toString(), b.toString());
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertEquals(b.toString(), s.apply(a.toString(), payload, Limits.defaults()));
        assertTrue(ms < 10_000, "took " + ms + " ms");
        TextDiff d = TextDiff.of(Texts.utf8(a.toString()), Texts.utf8(b.toString()));
        assertEquals(d.edits().minimal() ? 0 : 1, payload[7] & 1, "the payload's flag says whether the diff is minimal");
        assertEquals(!d.edits().minimal(), s.describe(payload).orElseThrow().startsWith("# not minimal: "),
                "and so does its rendering (delta show)");
        assertEquals(!d.edits().minimal(), s.describe(a.toString(), payload, Limits.defaults()).orElseThrow()
                .startsWith("# not minimal: "));
    }

    @Test
    void crlfLoneCrAndMissingNewlinesComeBackByteForByte() {
        String a = "a\r\nb\rc\r\nlast";
        String b = "a\r\nB\rc\r\nlast\r\n";
        byte[] patch = UnifiedDiff.standard().diff(a, b);
        assertEquals("--- a/file\n+++ b/file\n@@ -1,3 +1,3 @@\n a\r\n-b\rc\r\n-last\n\\ No newline at end of file\n"
                + "+B\rc\r\n+last\r\n", Texts.utf8(patch).replace("@@ -1,3 +1,3 @@\n a\r\n", "@@ -1,3 +1,3 @@\n a\r\n"));
        assertArrayEquals(Texts.utf8(b), UnifiedDiff.standard().applyBytes(Texts.utf8(a), patch, Limits.defaults()));
    }

    private static byte[] numbered(String prefix, int lines) {
        StringBuilder s = new StringBuilder(lines * 20);
        for (int i = 0; i < lines; i++) {
            s.append(prefix).append(" line ").append(i).append('\n');
        }
        return Texts.utf8(s.toString());
    }

    static List<String> list(String... s) {
        return new ArrayList<>(List.of(s));
    }
}
