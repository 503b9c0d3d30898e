package io.deltachain.cli.internal;

import java.io.ByteArrayOutputStream;

/** Indents canonical JSON (two spaces) without reparsing numbers, so canonical layout is kept. */
public final class PrettyJson {
    private PrettyJson() {
    }

    /**
     * @param canonical canonical JSON bytes (no whitespace outside strings)
     * @return the same JSON, indented, ending with a newline
     */
    public static byte[] indent(byte[] canonical) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(canonical.length * 2);
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < canonical.length; i++) {
            byte b = canonical[i];
            if (inString) {
                out.write(b);
                if (b == '\\') {
                    out.write(canonical[++i]);
                } else if (b == '"') {
                    inString = false;
                }
                continue;
            }
            switch (b) {
                case '"' -> {
                    inString = true;
                    out.write(b);
                }
                case '{', '[' -> {
                    out.write(b);
                    byte close = b == '{' ? (byte) '}' : (byte) ']';
                    if (i + 1 < canonical.length && canonical[i + 1] == close) {
                        out.write(close);
                        i++;
                    } else {
                        newline(out, ++depth);
                    }
                }
                case '}', ']' -> {
                    newline(out, --depth);
                    out.write(b);
                }
                case ',' -> {
                    out.write(b);
                    newline(out, depth);
                }
                case ':' -> {
                    out.write(':');
                    out.write(' ');
                }
                default -> out.write(b);
            }
        }
        out.write('\n');
        return out.toByteArray();
    }

    private static void newline(ByteArrayOutputStream out, int depth) {
        out.write('\n');
        for (int i = 0; i < depth; i++) {
            out.write(' ');
            out.write(' ');
        }
    }
}
