package io.deltachain.testkit;

import java.util.Arrays;
import java.util.Random;

/** Byte-array state pairs for the kit's own tests: small edits, unrelated pairs and empty parts. */
final class RandomBytes {
    private RandomBytes() {
    }

    static StatePair<byte[]> pair(Random random, int maxLength) {
        byte[] base = new byte[random.nextInt(maxLength)];
        random.nextBytes(base);
        byte[] target;
        switch (random.nextInt(4)) {
            case 0 -> {
                target = new byte[random.nextInt(maxLength)];
                random.nextBytes(target);
            }
            case 1 -> target = Arrays.copyOf(base, random.nextInt(maxLength));
            case 2 -> target = new byte[0];
            default -> {
                target = base.clone();
                for (int edits = random.nextInt(4); edits > 0 && target.length > 0; edits--) {
                    target[random.nextInt(target.length)] = (byte) random.nextInt(256);
                }
            }
        }
        return new StatePair<>(base, target);
    }
}
