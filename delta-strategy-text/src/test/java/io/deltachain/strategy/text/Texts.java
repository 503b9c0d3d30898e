package io.deltachain.strategy.text;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Seeded text generators: emoji and other non-BMP text, CRLF, lone CR, a missing final newline, empty texts. */
final class Texts {
    private static final String[] WORDS = {"alpha", "beta", "}", "", "  return x;", "é ü ß", "😀 emoji 🎉", "中文行",
        "𝄞 music", "tab\there", "lone\rcr", "x", "{", "// comment", "\u00a0nbsp"};
    private static final String[] ENDINGS = {"\n", "\n", "\n", "\n", "\r\n", "\r"};

    private Texts() {
    }

    static List<String> lines(Random random, int max) {
        int n = random.nextInt(max + 1);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            lines.add(line(random));
        }
        return lines;
    }

    static String line(Random random) {
        String word = WORDS[random.nextInt(WORDS.length)];
        String body = random.nextInt(3) == 0 ? word + " " + random.nextInt(50) : word;
        return body + ENDINGS[random.nextInt(ENDINGS.length)];
    }

    static String text(Random random, int maxLines) {
        return join(lines(random, maxLines), random);
    }

    /** The lines joined; a third of the time the last loses its terminator. */
    static String join(List<String> lines, Random random) {
        StringBuilder b = new StringBuilder();
        lines.forEach(b::append);
        if (b.length() > 0 && random.nextInt(3) == 0) {
            int cut = b.charAt(b.length() - 1) == '\n' && b.length() > 1 && b.charAt(b.length() - 2) == '\r' ? 2 : 1;
            b.setLength(b.length() - cut);
        }
        return b.toString();
    }

    /** A few line insertions, deletions and replacements of {@code base}'s lines. */
    static String edit(Random random, String base, int edits) {
        List<String> lines = new ArrayList<>(split(base));
        for (int e = 0; e < edits; e++) {
            int at = lines.isEmpty() ? 0 : random.nextInt(lines.size() + 1);
            switch (random.nextInt(4)) {
                case 0 -> lines.add(at, line(random));
                case 1 -> {
                    if (at < lines.size()) {
                        lines.remove(at);
                    }
                }
                case 2 -> {
                    if (at < lines.size()) {
                        lines.set(at, line(random));
                    }
                }
                default -> {
                    if (at < lines.size()) {
                        lines.add(random.nextInt(lines.size() + 1), lines.get(at));
                    }
                }
            }
        }
        return join(fixTerminators(lines), random);
    }

    /** Only the last line may lack a '\n': give the others one. */
    private static List<String> fixTerminators(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (String l : lines) {
            out.add(l.endsWith("\n") ? l : l + "\n");
        }
        return out;
    }

    /** Lines as the strategy splits them: after each '\n', terminators kept. */
    static List<String> split(String text) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                out.add(text.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < text.length()) {
            out.add(text.substring(start));
        }
        return out;
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
