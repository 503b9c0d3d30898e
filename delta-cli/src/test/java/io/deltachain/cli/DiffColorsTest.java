package io.deltachain.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltachain.cli.internal.DiffColors;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DiffColorsTest {
    private static String colour(String diff) {
        return new String(DiffColors.colour(diff.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8)
                .replace("\u001b", "E");
    }

    @Test
    void linesAreColouredAsGitColoursThem() {
        assertEquals("E[1m--- a.txtE[m\nE[1m+++ b.txtE[m\nE[36m@@ -1,2 +1,2 @@E[m section\n same\nE[31m-oldE[m\n"
                        + "E[32m+newE[m\n\\ No newline at end of file\n",
                colour("--- a.txt\n+++ b.txt\n@@ -1,2 +1,2 @@ section\n same\n-old\n+new\n\\ No newline at end of file\n"));
    }

    @Test
    void aColourClosesBeforeTheLineEndAndTheBytesBetweenAreKept() {
        assertEquals("E[31m-crE[m\r\nE[32m+lastE[m", colour("-cr\r\n+last"));
        assertEquals("E[36m@@ -1 +1 @@E[m\nE[31m--- removed line that looks like a headerE[m\n",
                colour("@@ -1 +1 @@\n--- removed line that looks like a header\n"), "after a hunk, --- is a removed line");
        assertEquals("E[33m~ /a: 1 -> 2E[m\n\n", colour("~ /a: 1 -> 2\n\n"));
        byte[] odd = {'+', (byte) 0xff, '\n'};
        byte[] coloured = DiffColors.colour(odd);
        assertEquals((byte) 0xff, coloured[6], "bytes are copied, never decoded");
    }

    @Test
    void colorWhenIsAutoAlwaysOrNever() {
        ColorOption option = new ColorOption();
        option.when = ColorOption.When.always;
        assertTrue(option.enabled("out.diff"), "always colours a file too");
        option.when = ColorOption.When.never;
        assertFalse(option.enabled(null));
        option.when = ColorOption.When.auto;
        String before = System.getProperty("delta.stdout.tty");
        try {
            System.setProperty("delta.stdout.tty", "false");
            assertFalse(option.enabled(null), "auto: a pipe gets no colour");
            System.setProperty("delta.stdout.tty", "true");
            assertFalse(option.enabled("out.diff"), "auto: a file gets no colour");
            String noColor = System.getenv("NO_COLOR");
            boolean allowed = (noColor == null || noColor.isEmpty()) && !"dumb".equals(System.getenv("TERM"));
            assertEquals(allowed, option.enabled("-"), "auto: a terminal gets colour unless NO_COLOR or TERM=dumb");
        } finally {
            if (before == null) {
                System.clearProperty("delta.stdout.tty");
            } else {
                System.setProperty("delta.stdout.tty", before);
            }
        }
    }
}
