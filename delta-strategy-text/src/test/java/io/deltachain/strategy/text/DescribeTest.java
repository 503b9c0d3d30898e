package io.deltachain.strategy.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import io.deltachain.api.CorruptDeltaException;
import io.deltachain.api.Limits;
import io.deltachain.api.StateFormats;
import io.deltachain.api.StateMismatchException;
import io.deltachain.spi.DeltaStrategy;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.SourceDSL;

/** What a text record changes, rendered: its hunks from the payload alone, and as a unified diff with the base. */
class DescribeTest {
    private static final TextStrategy TEXT = new TextStrategy();
    private static final DeltaStrategy<byte[]> ON_BYTES = TEXT.on(StateFormats.bytes()).orElseThrow();
    private static final Gen<String[]> PAIRS = SourceDSL.longs().all().map(seed -> {
        Random r = new Random(seed);
        String base = Texts.text(r, 40);
        return new String[] {base, r.nextInt(5) == 0 ? Texts.text(r, 30) : Texts.edit(r, base, r.nextInt(10))};
    });

    private static final String BASE = "one\ntwo\nthree\nfour\nfive\nsix\nseven\neight\nnine\nten\n";
    private static final String TARGET = "one\n2\nthree\nfour\nfive\nsix\nseven\neight\nnine\nten\neleven";

    @Test
    void thePayloadAloneGivesHunksWithTheAddedLinesAndTheCountOfTheRemovedOnes() {
        assertEquals(Optional.of("@@ -2 +2 @@ 1 line removed\n+2\n@@ -10,0 +11 @@\n+eleven\n\\ No newline at end of file\n"),
                TEXT.describe(TEXT.diff(BASE, TARGET)));
        assertEquals(Optional.of("@@ -1,10 +0,0 @@ 10 lines removed\n"), TEXT.describe(TEXT.diff(BASE, "")));
    }

    @Test
    void withTheBaseItIsTheUnifiedDiffWithoutItsFileNames() {
        assertEquals(Optional.of("@@ -1,5 +1,5 @@\n one\n-two\n+2\n three\n four\n five\n"
                        + "@@ -8,3 +8,4 @@\n eight\n nine\n ten\n+eleven\n\\ No newline at end of file\n"),
                TEXT.describe(BASE, TEXT.diff(BASE, TARGET), Limits.defaults()));
        qt().withExamples(300).forAll(PAIRS).checkAssert(p -> {
            byte[] payload = TEXT.diff(p[0], p[1]);
            String unified = new String(UnifiedDiff.standard().diff(p[0], p[1]), StandardCharsets.UTF_8);
            String hunks = unified.isEmpty() ? "" : unified.substring(unified.indexOf("@@"));
            assertEquals(Optional.of(hunks), TEXT.describe(p[0], payload, Limits.defaults()));
            byte[] base = p[0].getBytes(StandardCharsets.UTF_8);
            assertEquals(Optional.of(hunks), ON_BYTES.describe(base, ON_BYTES.diff(base, p[1].getBytes(StandardCharsets.UTF_8)),
                    Limits.defaults()));
            assertEquals(TEXT.describe(payload), ON_BYTES.describe(payload));
        });
    }

    @Test
    void aComposedPayloadRendersAsAPatchThatApplies() {
        qt().withExamples(200).forAll(PAIRS, PAIRS).checkAssert((p, q) -> {
            byte[] composed = TEXT.compose(TEXT.diff(p[0], p[1]), TEXT.diff(p[1], q[1]));
            String hunks = TEXT.describe(p[0], composed, Limits.defaults()).orElseThrow();
            if (!hunks.isEmpty()) {
                byte[] patch = ("--- a\n+++ b\n" + hunks).getBytes(StandardCharsets.UTF_8);
                assertEquals(q[1], UnifiedDiff.standard().apply(p[0], patch, Limits.defaults()));
            }
        });
    }

    @Test
    void equalTextsRenderAsNothing() {
        assertEquals(Optional.of(""), TEXT.describe(TEXT.diff(BASE, BASE)));
        assertEquals(Optional.of(""), TEXT.describe(BASE, TEXT.diff(BASE, BASE), Limits.defaults()));
    }

    @Test
    void theWrongBaseOrADamagedPayloadIsRefused() {
        byte[] payload = TEXT.diff(BASE, TARGET);
        assertThrows(StateMismatchException.class, () -> TEXT.describe("one\n", payload, Limits.defaults()));
        assertThrows(CorruptDeltaException.class, () -> TEXT.describe(new byte[] {1, 2, 3}));
        // "DLTTXT" 1 0 | 3 lines, 6 bytes | 1 hunk: skip 1, remove 1, add "B" without a line end, before line 3
        byte[] unterminated = {'D', 'L', 'T', 'T', 'X', 'T', 1, 0, 3, 6, 1, 1, 1, 1, 'B'};
        CorruptDeltaException e = assertThrows(CorruptDeltaException.class,
                () -> TEXT.describe("a\nb\nc\n", unterminated, Limits.defaults()));
        assertTrue(e.getMessage().contains("hunk 1 adds a last line without a line end"), e.getMessage());
        assertThrows(CorruptDeltaException.class, () -> TEXT.apply("a\nb\nc\n", unterminated, Limits.defaults()));
    }

    @Test
    void textOnBytesDeclinesABaseThatIsNotUtf8() {
        byte[] payload = ON_BYTES.diff("a\n".getBytes(StandardCharsets.UTF_8), "b\n".getBytes(StandardCharsets.UTF_8));
        assertThrows(io.deltachain.api.InvalidStateException.class,
                () -> ON_BYTES.describe(new byte[] {(byte) 0xff, '\n'}, payload, Limits.defaults()));
    }

    @Test
    void unifiedDiffsNameTheirFilesThroughTheNativeFormatHook() {
        String patch = new String(TEXT.nativeFormat().orElseThrow().withNames("old/x.txt", "new/x.txt").diff("a\n", "b\n"),
                StandardCharsets.UTF_8);
        assertTrue(patch.startsWith("--- old/x.txt\n+++ new/x.txt\n@@ -1 +1 @@\n"), patch);
        String onBytes = new String(ON_BYTES.nativeFormat().orElseThrow().withNames("x", "y")
                .diff("a\n".getBytes(StandardCharsets.UTF_8), "b\n".getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
        assertTrue(onBytes.startsWith("--- x\n+++ y\n"), onBytes);
        assertThrows(io.deltachain.api.DeltaConfigurationException.class,
                () -> TEXT.nativeFormat().orElseThrow().withNames("a\nb", "c"));
    }
}
