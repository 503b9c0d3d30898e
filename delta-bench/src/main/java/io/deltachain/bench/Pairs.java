package io.deltachain.bench;

/**
 * Names of benchmark inputs, {@code KIND-SIZEm}: {@code structured-16m} is a 16 MiB structured file
 * and a copy with 25 scattered edits per MiB (400 for 16 MiB); {@code random-2m} two unrelated
 * random files; {@code zeros-16m} two zero-filled files.
 */
final class Pairs {
    private Pairs() {
    }

    static byte[][] named(String name) {
        String[] parts = name.split("-");
        int mib = Integer.parseInt(parts[1].replace("m", ""));
        return BinaryPairs.make(parts[0], mib << 20, 25 * mib);
    }
}
