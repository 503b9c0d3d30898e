package io.deltachain.strategy.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltachain.api.CorruptDeltaException;
import io.deltachain.api.DeltaConfigurationException;
import io.deltachain.api.DeltaException;
import io.deltachain.api.InvalidStateException;
import io.deltachain.api.LimitExceededException;
import io.deltachain.api.Limits;
import io.deltachain.api.StateFormats;
import io.deltachain.api.StateMismatchException;
import io.deltachain.api.UnsupportedDeltaOperationException;
import io.deltachain.spi.DeltaStrategy;
import io.deltachain.spi.NativeFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every way applying a patch or payload can fail, each with its exception type and message; and tolerant mode. */
class UnifiedDiffErrorsTest {
    private static final UnifiedDiff U = UnifiedDiff.standard();
    private static final Limits L = Limits.defaults();
    private static final String BASE = "one\ntwo\nthree\nfour\nfive\nsix\nseven\n";

    private static <T extends DeltaException> T fails(Class<T> type, String patch, String... fragments) {
        T e = assertThrows(type, () -> U.applyBytes(Texts.utf8(BASE), Texts.utf8(patch), L));
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), () -> "'" + e.getMessage() + "' should contain '" + f + "'");
        }
        return e;
    }

    @Test
    void aContextLineThatDiffersNamesTheHunkAndTheLine() {
        String patch = "--- a/f\n+++ b/f\n@@ -1,3 +1,3 @@\n one\n-two\n+2\n three\n@@ -5,3 +5,3 @@\n five\n-SIX\n+6\n seven\n";
        HunkMismatchException e = fails(HunkMismatchException.class, patch, "hunk 2 (@@ -5,3 +5,3 @@)",
                "does not match line 6", "removed line is \"SIX\\n\"", "the text has \"six\\n\"");
        assertEquals(2, e.hunk());
        assertEquals(6, e.line());
        assertEquals("SIX\n", e.expected());
        assertEquals("six\n", e.found());
        assertTrue(e instanceof StateMismatchException);
    }

    @Test
    void aHunkPastTheEndOfTheText() {
        fails(HunkMismatchException.class, "--- a\n+++ b\n@@ -7,3 +7,3 @@\n seven\n-eight\n+8\n nine\n",
                "hunk 1 (@@ -7,3 +7,3 @@) needs old lines 7-9, but the text has only 7 lines");
    }

    @Test
    void aTruncatedHunk() {
        fails(CorruptDeltaException.class, "--- a\n+++ b\n@@ -1,3 +1,3 @@\n one\n-two\n",
                "hunk 1 (@@ -1,3 +1,3 @@, patch line 3) promises 3 lines, but the patch has only 2 after it");
        fails(CorruptDeltaException.class, "--- a\n+++ b\n@@ -1,3 +1,3 @@\n one\n-two\n+2\n+3\n",
                "hunk 1 (@@ -1,3 +1,3 @@, patch line 3) ends at the end of the patch with 1 old and 0 new lines still to come");
    }

    @Test
    void aMalformedHunkHeader() {
        fails(CorruptDeltaException.class, "--- a\n+++ b\n@@ -x +1 @@\n", "patch line 3 is not a hunk header of the form @@ -l,s +l,s @@: @@ -x +1 @@");
        fails(CorruptDeltaException.class, "--- a\n+++ b\n@@ -0,2 +1,2 @@\n one\n two\n", "starts at line 0; lines count from 1");
        fails(CorruptDeltaException.class, "--- a\n+++ b\n@@ -99999999999,1 +1 @@\n-x\n", "line number too large");
    }

    @Test
    void aHunkBeforeAnyHeaderAndTextThatIsNoDiff() {
        fails(CorruptDeltaException.class, "@@ -1 +1 @@\n-one\n+1\n", "patch line 1 starts a hunk before any ---/+++ header");
        fails(CorruptDeltaException.class, "hello\nworld\n", "no ---/+++ header and no @@ hunk found");
        fails(CorruptDeltaException.class, "--- a\n+++ b\n", "a ---/+++ header with no @@ hunk after it");
    }

    @Test
    void hunksOutOfOrder() {
        fails(CorruptDeltaException.class, "--- a\n+++ b\n@@ -5 +5 @@\n-five\n+5\n@@ -2 +2 @@\n-two\n+2\n",
                "hunk 2 (@@ -2 +2 @@) starts at old line 2, inside or before hunk 1 (@@ -5 +5 @@)");
    }

    @Test
    void aPatchOfTwoFilesIsRefusedNamingThem() {
        String two = "--- a/x\n+++ b/x\n@@ -1 +1 @@\n-one\n+1\n--- a/y\n+++ b/y\n@@ -1 +1 @@\n-one\n+1\n";
        fails(UnsupportedDeltaOperationException.class, two, "the patch touches 2 or more files (a/x b/x; a/y b/y)",
                "this applies a patch of one file");
        String git = "diff --git a/x b/x\nindex 1..2 100644\n--- a/x\n+++ b/x\n@@ -1 +1 @@\n-one\n+1\n"
                + "diff --git a/y b/y\n--- a/y\n+++ b/y\n@@ -1 +1 @@\n-one\n+1\n";
        fails(UnsupportedDeltaOperationException.class, git, "(a/x b/x; a/y b/y)");
    }

    @Test
    void aBinaryGitPatchIsRefused() {
        fails(UnsupportedDeltaOperationException.class, "diff --git a/x b/x\nindex 1..2\nGIT binary patch\nliteral 3\n",
                "patch line 3 is a binary patch", "use bsdiff");
    }

    @Test
    void anEmptyPatchChangesNothing() {
        assertEquals(BASE, Texts.utf8(U.applyBytes(Texts.utf8(BASE), new byte[0], L)));
        assertEquals(0, U.diff(BASE, BASE).length);
    }

    @Test
    void tolerantModeAppliesAtAnOffsetAndWithFuzzAndSaysSo() {
        String moved = "zero\nzero2\n" + BASE; // two lines added in front since the patch was made
        String patch = "--- a\n+++ b\n@@ -1,3 +1,3 @@\n one\n-two\n+2\n three\n@@ -5,3 +5,3 @@\n five\n-six\n+6\n seven\n";
        assertThrows(HunkMismatchException.class, () -> U.applyBytes(Texts.utf8(moved), Texts.utf8(patch), L));
        AppliedPatch r = U.applyTolerant(Texts.utf8(moved), Texts.utf8(patch), L);
        assertEquals("zero\nzero2\none\n2\nthree\nfour\nfive\n6\nseven\n", r.asString());
        assertEquals(List.of(new HunkPlacement(1, 1, 3, 2, 0), new HunkPlacement(2, 5, 7, 2, 0)), r.placements());
        assertEquals("hunk 1 applied at line 3 (offset 2 lines)", r.placements().get(0).toString());

        String edited = BASE.replace("five", "FIVE"); // a context line changed: fuzz 1 ignores it
        AppliedPatch f = U.applyTolerant(Texts.utf8(edited), Texts.utf8(patch), L);
        assertEquals("one\n2\nthree\nfour\nFIVE\n6\nseven\n", f.asString());
        assertEquals(new HunkPlacement(2, 5, 5, 0, 1), f.placements().get(1));
        assertEquals("hunk 2 applied at line 5 with fuzz 1", f.placements().get(1).toString());

        HunkMismatchException e = assertThrows(HunkMismatchException.class,
                () -> U.applyTolerant(Texts.utf8("nothing\nalike\n"), Texts.utf8(patch), L));
        assertTrue(e.getMessage().contains("hunk 1 (@@ -1,3 +1,3 @@) fits nowhere in the text, at any offset with fuzz up to 2"),
                e.getMessage());
        assertThrows(DeltaConfigurationException.class, () -> U.applyTolerant(new byte[0], new byte[0], -1, L));
    }

    @Test
    void fuzzIgnoresTheClosingContextLinesAsWellAsTheOpeningOnes() {
        StringBuilder base = new StringBuilder();
        for (int i = 1; i <= 40; i++) {
            base.append(i).append('\n');
        }
        String old = base.toString();
        byte[] patch = U.diff(old, old.replace("\n20\n", "\ntwenty\n"));
        for (String changed : List.of("22", "23")) { // a closing context line differs, as GNU patch -F2 allows
            String text = old.replace("\n" + changed + "\n", "\nY\n");
            AppliedPatch r = U.applyTolerant(Texts.utf8(text), patch, 2, L);
            assertEquals(text.replace("\n20\n", "\ntwenty\n"), r.asString());
            assertEquals(changed.equals("23") ? 1 : 2, r.placements().get(0).fuzz(), r.placements().toString());
        }
        String both = old.replace("\n17\n", "\nX\n").replace("\n23\n", "\nY\n");
        assertEquals(1, U.applyTolerant(Texts.utf8(both), patch, 2, L).placements().get(0).fuzz());
    }

    @Test
    void theNativeFormatsApplyTolerantlyOnTextAndOnBytesReportingOnlyWhatWasNotExact() {
        String moved = "zero\n" + BASE;
        String patch = "--- a\n+++ b\n@@ -1,3 +1,3 @@\n one\n-two\n+2\n three\n@@ -5,3 +5,3 @@\n FIVE\n-six\n+6\n seven\n";
        NativeFormat<String> onText = new TextStrategy().nativeFormat().orElseThrow();
        NativeFormat<byte[]> onBytes = new TextStrategy().on(StateFormats.bytes()).orElseThrow().nativeFormat().orElseThrow();
        assertTrue(onText.appliesTolerantly() && onBytes.appliesTolerantly());
        List<String> said = new ArrayList<>();
        assertEquals("zero\none\n2\nthree\nfour\nfive\n6\nseven\n", onText.applyTolerantly(moved, Texts.utf8(patch), 1,
                said::add, L));
        assertEquals(List.of("hunk 1 applied at line 2 (offset 1 line)", "hunk 2 applied at line 6 (offset 1 line) with fuzz 1"),
                said);
        said.clear();
        assertArrayEquals(Texts.utf8("zero\none\n2\nthree\nfour\nfive\n6\nseven\n"),
                onBytes.applyTolerantly(Texts.utf8(moved), Texts.utf8(patch), 1, said::add, L));
        assertEquals(2, said.size());
        said.clear();
        String exact = "--- a\n+++ b\n@@ -1,3 +1,3 @@\n one\n-two\n+2\n three\n";
        onText.applyTolerantly(BASE, Texts.utf8(exact), 2, said::add, L);
        assertEquals(List.of(), said, "an exact fit reports nothing");
        assertThrows(HunkMismatchException.class, () -> onText.applyTolerantly(moved, Texts.utf8(patch), 0, said::add, L),
                "fuzz 0 allows offsets only");
    }

    @Test
    void badConfigurationIsRefused() {
        assertThrows(DeltaConfigurationException.class, () -> U.withContext(-1));
        assertThrows(DeltaConfigurationException.class, () -> U.withLabels("a\nb", "c"));
        assertEquals(0, U.withContext(0).context());
    }

    @Test
    void theResultIsBoundedByLimits() {
        String patch = "--- a\n+++ b\n@@ -1 +1,2 @@\n-one\n+one\n+a much longer line than the base allows\n";
        LimitExceededException e = assertThrows(LimitExceededException.class,
                () -> U.applyBytes(Texts.utf8("one\n"), Texts.utf8(patch), L.withMaxStateBytes(10)));
        assertTrue(e.getMessage().contains("the patched text"), e.getMessage());
    }

    @Test
    void recordPayloadErrors() {
        TextStrategy s = new TextStrategy();
        byte[] payload = s.diff(BASE, BASE.replace("two", "2"));
        CorruptDeltaException magic = assertThrows(CorruptDeltaException.class, () -> s.apply(BASE, Texts.utf8("BSDIFF40xxxxxxxx"), L));
        assertTrue(magic.getMessage().contains("bad magic (not DLTTXT)"), magic.getMessage());
        byte[] truncated = Arrays.copyOf(payload, payload.length - 1);
        CorruptDeltaException t = assertThrows(CorruptDeltaException.class, () -> s.apply(BASE, truncated, L));
        assertTrue(t.getMessage().contains("added bytes of hunk 1"), t.getMessage());
        StateMismatchException m = assertThrows(StateMismatchException.class, () -> s.apply("other\n", payload, L));
        assertTrue(m.getMessage().contains("made from a base of 7 lines and 34 bytes, not this one of 1 lines and 6 bytes"),
                m.getMessage());
        byte[] other = s.diff("x\n", "y\n");
        StateMismatchException c = assertThrows(StateMismatchException.class, () -> s.compose(payload, other));
        assertTrue(c.getMessage().contains("the first payload yields 7 lines, the second was made from 1"), c.getMessage());
    }

    @Test
    void onBytesTextDeclinesBytesThatAreNotUtf8() {
        DeltaStrategy<byte[]> onBytes = new TextStrategy().on(StateFormats.bytes()).orElseThrow();
        InvalidStateException e = assertThrows(InvalidStateException.class,
                () -> onBytes.diff(new byte[] {'a', '\n', (byte) 0xFF}, new byte[] {'b'}));
        assertEquals("strategy 'text' works on UTF-8 text, and the base is not valid UTF-8 (byte offset 2); use bsdiff"
                + " for binary files", e.getMessage());
        assertTrue(new TextStrategy().on(StateFormats.utf8()).isEmpty());
    }
}
