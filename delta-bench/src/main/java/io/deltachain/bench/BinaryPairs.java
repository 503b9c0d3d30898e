package io.deltachain.bench;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

/**
 * The inputs the binary benchmarks make themselves, from fixed seeds: a structured file (tokens
 * and operands, like concatenated class files) and a copy with scattered overwrites, inserts and
 * deletes; unrelated random files; zero-filled files; a highly repetitive file (one 1,000-byte block
 * repeated) and an edited copy.
 */
public final class BinaryPairs {
    private BinaryPairs() {
    }

    /**
     * @param kind {@code structured}, {@code random}, {@code zeros} or {@code periodic}
     * @param size bytes in the old file
     * @param edits edits made to the new file (structured and periodic)
     * @return old and new file
     */
    public static byte[][] make(String kind, int size, int edits) {
        Random r = new Random(20261124L ^ size);
        switch (kind) {
            case "structured": {
                byte[] old = structured(r, size);
                return new byte[][] {old, edit(r, old, edits)};
            }
            case "random": {
                byte[] a = new byte[size];
                byte[] b = new byte[size];
                r.nextBytes(a);
                r.nextBytes(b);
                return new byte[][] {a, b};
            }
            case "zeros":
                return new byte[][] {new byte[size], new byte[size]};
            case "periodic": {
                // highly repetitive: one 1,000-byte random block over and over, then scattered edits
                byte[] unit = new byte[1000];
                r.nextBytes(unit);
                byte[] old = new byte[size];
                for (int i = 0; i < size; i++) {
                    old[i] = unit[i % unit.length];
                }
                return new byte[][] {old, edit(r, old, edits)};
            }
            default:
                throw new IllegalArgumentException("unknown pair kind " + kind);
        }
    }

    static byte[] structured(Random r, int size) {
        String[] tokens = {"invokevirtual", "getfield", "putfield", "ldc", "aload_0", "areturn", "java/lang/String",
            "java/util/List", "<init>", "()V", "(Ljava/lang/Object;)Z", "LineNumberTable", "StackMapTable", "Code"};
        byte[][] encoded = new byte[tokens.length][];
        for (int i = 0; i < tokens.length; i++) {
            encoded[i] = tokens[i].getBytes(StandardCharsets.US_ASCII);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(size + 64);
        while (out.size() < size) {
            byte[] t = encoded[r.nextInt(encoded.length)];
            out.write(t, 0, t.length);
            out.write(r.nextInt(4));
            out.write(r.nextInt(256));
        }
        return Arrays.copyOf(out.toByteArray(), size);
    }

    static byte[] edit(Random r, byte[] base, int edits) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(base.length + edits * 32);
        int[] at = r.ints(edits, 0, base.length).sorted().toArray();
        int pos = 0;
        for (int cut : at) {
            if (cut < pos) {
                continue;
            }
            out.write(base, pos, cut - pos);
            pos = cut;
            int len = 1 + r.nextInt(32);
            int op = r.nextInt(3);
            if (op != 2) {
                for (int i = 0; i < len; i++) {
                    out.write(r.nextInt(256));
                }
            }
            if (op != 1) {
                pos = Math.min(base.length, pos + len);
            }
        }
        out.write(base, pos, base.length - pos);
        return out.toByteArray();
    }
}
