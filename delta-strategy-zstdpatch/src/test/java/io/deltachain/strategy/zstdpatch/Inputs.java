package io.deltachain.strategy.zstdpatch;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/** Old and new versions for the tests: token soup like class files, and edited copies of it. */
final class Inputs {
    private static final String[] TOKENS = {"getfield", "invokestatic", "java/lang/Object", "<clinit>", "(I)J",
        "LocalVariableTable", "SourceFile", "aload_1", "ireturn"};

    private Inputs() {
    }

    static byte[] structured(Random random, int size) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(size + 32);
        while (out.size() < size) {
            out.writeBytes(TOKENS[random.nextInt(TOKENS.length)].getBytes(StandardCharsets.US_ASCII));
            out.write(random.nextInt(256));
        }
        byte[] bytes = out.toByteArray();
        return java.util.Arrays.copyOf(bytes, size);
    }

    static byte[] random(Random random, int size) {
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        return bytes;
    }

    /** A copy of {@code base} with {@code edits} overwrites, insertions and deletions of up to 40 bytes. */
    static byte[] edited(Random random, byte[] base, int edits) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(base.length + 64);
        int[] cuts = random.ints(edits, 0, base.length + 1).sorted().toArray();
        int at = 0;
        for (int cut : cuts) {
            if (cut < at) {
                continue;
            }
            out.write(base, at, cut - at);
            at = cut;
            int kind = random.nextInt(3);
            int length = 1 + random.nextInt(40);
            if (kind != 1) {
                at = Math.min(base.length, at + length); // overwrite or delete
            }
            if (kind != 2) {
                out.writeBytes(random(random, length)); // overwrite or insert
            }
        }
        out.write(base, at, base.length - at);
        return out.toByteArray();
    }
}
