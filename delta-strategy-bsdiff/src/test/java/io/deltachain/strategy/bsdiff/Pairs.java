package io.deltachain.strategy.bsdiff;

import java.io.ByteArrayOutputStream;
import java.util.Random;

/** Seeded binary file pairs: structured data with scattered overwrites, inserts and deletes. */
final class Pairs {
    private Pairs() {
    }

    /** A file that looks like code or records: repeated tokens with varying fields. */
    static byte[] structured(Random r, int size) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(size + 64);
        String[] tokens = {"invokevirtual", "getfield", "ldc", "aload_0", "return", "java/lang/String", "<init>"};
        while (out.size() < size) {
            byte[] t = tokens[r.nextInt(tokens.length)].getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            out.write(t, 0, t.length);
            out.write(r.nextInt(8));
            out.write(r.nextInt(256));
        }
        return java.util.Arrays.copyOf(out.toByteArray(), size);
    }

    /** {@code base} with {@code edits} random overwrites, inserts and deletes. */
    static byte[] edit(Random r, byte[] base, int edits) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(base.length + edits * 16);
        int pos = 0;
        int[] at = r.ints(edits, 0, Math.max(1, base.length)).sorted().toArray();
        for (int cut : at) {
            if (cut < pos) {
                continue;
            }
            out.write(base, pos, cut - pos);
            pos = cut;
            int len = 1 + r.nextInt(16);
            switch (r.nextInt(3)) {
                case 0 -> { // overwrite
                    for (int i = 0; i < len; i++) {
                        out.write(r.nextInt(256));
                    }
                    pos = Math.min(base.length, pos + len);
                }
                case 1 -> { // insert
                    for (int i = 0; i < len; i++) {
                        out.write(r.nextInt(256));
                    }
                }
                default -> pos = Math.min(base.length, pos + len); // delete
            }
        }
        out.write(base, pos, base.length - pos);
        return out.toByteArray();
    }

    static byte[] random(Random r, int size) {
        byte[] b = new byte[size];
        r.nextBytes(b);
        return b;
    }
}
