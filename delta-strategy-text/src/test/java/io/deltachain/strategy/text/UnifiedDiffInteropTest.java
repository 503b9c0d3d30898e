package io.deltachain.strategy.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltachain.api.Limits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our unified diffs through GNU patch and git apply, and diff -u, git diff (also -U0) and Python's
 * difflib output through our apply, on seeded pairs with emoji, CRLF, lone CR, missing final newlines
 * and empty files. A tool that is not installed skips its test with the reason.
 */
class UnifiedDiffInteropTest {
    private static final long SEED = Long.getLong("deltachain.seed", 20_261_124L);
    private static final int PAIRS = 40;
    private static final UnifiedDiff FORMAT = UnifiedDiff.standard();

    @TempDir
    Path dir;

    /** Pairs: edited texts, unrelated texts, empty old or new, identical; every fifth ends without a newline. */
    static List<String[]> pairs(boolean finalNewlines) {
        Random random = new Random(SEED);
        List<String[]> pairs = new ArrayList<>();
        pairs.add(new String[] {"", "one\ntwo\n"});
        pairs.add(new String[] {"one\r\ntwo\r\n", ""});
        pairs.add(new String[] {"a\rb\nc\n", "a\rB\nc\n"});
        pairs.add(new String[] {"😀\n𝄞 clef\nx\n", "😀\n𝄞 Clef\nx\n"});
        if (!finalNewlines) {
            pairs.add(new String[] {"a\nb", "a\nb\n"});
            pairs.add(new String[] {"a\nb\n", "a\nc"});
            pairs.add(new String[] {"only", "other"});
        }
        while (pairs.size() < PAIRS) {
            String base = Texts.text(random, 50);
            String target = random.nextInt(8) == 0 ? Texts.text(random, 30) : Texts.edit(random, base, 1 + random.nextInt(6));
            if (finalNewlines) {
                base = withNewline(base);
                target = withNewline(target);
            }
            pairs.add(new String[] {base, target});
        }
        return pairs;
    }

    private static String withNewline(String s) {
        return s.isEmpty() || s.endsWith("\n") ? s : s + "\n";
    }

    @Test
    void gnuPatchAppliesOurDiffsByteForByte() throws IOException {
        Tools.require("patch", "apt-get install patch");
        List<String[]> pairs = pairs(false);
        for (int i = 0; i < pairs.size(); i++) {
            write("base" + i, pairs.get(i)[0]);
            Files.write(dir.resolve("p" + i + ".diff"), FORMAT.diff(pairs.get(i)[0], pairs.get(i)[1]));
        }
        // One shell for every pair: starting a process per pair from the JVM costs more than the patching.
        Tools.Outcome o = Tools.shell(dir, pairs.size(), "cp base$i out$i && patch -s out$i p$i.diff || echo \"pair $i failed\" >&2");
        assertEquals("", o.err());
        for (int i = 0; i < pairs.size(); i++) {
            String[] pair = pairs.get(i);
            assertArrayEquals(Texts.utf8(pair[1]), Files.readAllBytes(dir.resolve("out" + i)),
                    () -> "patch gave another text for pair " + describe(pair));
        }
    }

    @Test
    void gitApplyAppliesOurDiffsByteForByte() throws IOException {
        Tools.require("git", "apt-get install git");
        List<String[]> pairs = new ArrayList<>();
        for (String[] pair : pairs(false)) {
            // git apply reads "@@ -0,0" on an existing file as a creation; an empty patch is no patch
            if (!pair[0].isEmpty() && !pair[0].equals(pair[1])) {
                pairs.add(pair);
            }
        }
        for (int i = 0; i < pairs.size(); i++) {
            Path work = Files.createDirectory(dir.resolve("git" + i));
            Files.write(work.resolve("file"), Texts.utf8(pairs.get(i)[0]));
            Files.write(work.resolve("p.diff"), FORMAT.diff(pairs.get(i)[0], pairs.get(i)[1]));
        }
        Tools.Outcome o = Tools.shell(dir, pairs.size(), "(cd git$i && git apply --whitespace=nowarn p.diff) || echo \"pair $i failed\" >&2");
        assertEquals("", o.err());
        for (int i = 0; i < pairs.size(); i++) {
            String[] pair = pairs.get(i);
            assertArrayEquals(Texts.utf8(pair[1]), Files.readAllBytes(dir.resolve("git" + i).resolve("file")),
                    () -> "git apply gave another text for pair " + describe(pair));
        }
    }

    @Test
    void ourDiffsSpanNoMoreLinesInAllThanGnuDiffs() throws IOException {
        Tools.require("diff", "apt-get install diffutils");
        // Two shortest diffs may differ, and patience anchors may cost a line here and there; in all, ours are no longer.
        long ours = 0;
        long gnu = 0;
        List<String[]> pairs = writePairs(pairs(false));
        Tools.shell(dir, pairs.size(), "diff -u a$i b$i > d$i");
        for (int i = 0; i < pairs.size(); i++) {
            gnu += lines(Files.readAllBytes(dir.resolve("d" + i)));
            ours += lines(FORMAT.diff(pairs.get(i)[0], pairs.get(i)[1]));
        }
        long oursTotal = ours;
        long gnuTotal = gnu;
        assertTrue(ours <= gnu * 105 / 100, () -> "our unified diffs span " + oursTotal + " lines, GNU diff -u's " + gnuTotal);
    }

    @Test
    void weApplyDiffUOutput() throws IOException {
        Tools.require("diff", "apt-get install diffutils");
        List<String[]> pairs = writePairs(pairs(false));
        Tools.shell(dir, pairs.size(), "diff -u a$i b$i > u$i; diff -U0 a$i b$i > z$i; diff -U1 a$i b$i > o$i");
        for (String u : List.of("u", "z", "o")) {
            for (int i = 0; i < pairs.size(); i++) {
                String[] pair = pairs.get(i);
                byte[] patch = Files.readAllBytes(dir.resolve(u + i));
                assertArrayEquals(Texts.utf8(pair[1]), FORMAT.applyBytes(Texts.utf8(pair[0]), patch, Limits.defaults()),
                        () -> "diff output did not apply to pair " + describe(pair) + ":\n" + Texts.utf8(patch));
            }
        }
    }

    @Test
    void weApplyGitDiffOutputWithItsHeadersAndU0Hunks() throws IOException {
        Tools.require("git", "apt-get install git");
        List<String[]> pairs = writePairs(pairs(false));
        Tools.shell(dir, pairs.size(), "git -c core.autocrlf=false diff --no-index --no-color a$i b$i > u$i;"
                + " git -c core.autocrlf=false diff --no-index --no-color -U0 a$i b$i > z$i");
        for (String u : List.of("u", "z")) {
            for (int i = 0; i < pairs.size(); i++) {
                String[] pair = pairs.get(i);
                byte[] patch = Files.readAllBytes(dir.resolve(u + i));
                assertArrayEquals(Texts.utf8(pair[1]), FORMAT.applyBytes(Texts.utf8(pair[0]), patch, Limits.defaults()),
                        () -> "git diff output did not apply to pair " + describe(pair) + ":\n" + Texts.utf8(patch));
            }
        }
    }

    @Test
    void weApplyPythonDifflibOutput() throws IOException {
        Tools.require("python3", "the machine's python3");
        // difflib writes no "\ No newline" marker, so its input ends with newlines; bytes lines split on '\n' only.
        List<String[]> pairs = writePairs(pairs(true));
        Path script = dir.resolve("u.py");
        Files.writeString(script, "import difflib, sys\n"
                + "for i in range(int(sys.argv[1])):\n"
                + "    a = [l for l in open('a%d' % i, 'rb')]\n"
                + "    b = [l for l in open('b%d' % i, 'rb')]\n"
                + "    for n in (3, 0):\n"
                + "        with open('py%d-%d' % (n, i), 'wb') as out:\n"
                + "            out.writelines(difflib.diff_bytes(difflib.unified_diff, a, b, b'a/file', b'b/file', n=n))\n");
        Tools.Outcome o = Tools.run(dir, List.of("python3", script.toString(), String.valueOf(pairs.size())));
        assertEquals(0, o.exit(), o::err);
        for (String n : List.of("3", "0")) {
            for (int i = 0; i < pairs.size(); i++) {
                String[] pair = pairs.get(i);
                byte[] patch = Files.readAllBytes(dir.resolve("py" + n + "-" + i));
                assertArrayEquals(Texts.utf8(pair[1]), FORMAT.applyBytes(Texts.utf8(pair[0]), patch, Limits.defaults()),
                        () -> "difflib (n=" + n + ") output did not apply to pair " + describe(pair) + ":\n" + Texts.utf8(patch));
            }
        }
    }

    private List<String[]> writePairs(List<String[]> pairs) throws IOException {
        for (int i = 0; i < pairs.size(); i++) {
            write("a" + i, pairs.get(i)[0]);
            write("b" + i, pairs.get(i)[1]);
        }
        return pairs;
    }

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, Texts.utf8(text));
        return p;
    }

    private static int lines(byte[] patch) {
        return Texts.split(Texts.utf8(patch)).size();
    }

    private static String describe(String[] pair) {
        return quote(pair[0]) + " -> " + quote(pair[1]);
    }

    static String quote(String s) {
        return '"' + s.replace("\r", "\\r").replace("\n", "\\n") + '"';
    }
}
