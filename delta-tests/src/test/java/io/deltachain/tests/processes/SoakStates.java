package io.deltachain.tests.processes;

import io.deltachain.api.StateFormats;
import io.deltachain.json.JsonFormats;
import io.deltachain.spi.StateFormat;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * The states a soak writer adds, made from a seed and the writer's name alone, so that the test that
 * started a writer process can tell, hash for hash, what every version it acknowledged must hold.
 * Each state is the one before with a few edits, as a history is: JSON documents for the {@code dict}
 * strategy, byte arrays for {@code bsdiff}.
 */
enum SoakStates {
    /** A JSON document of about 60 members; each version changes a few, adds one and removes one. */
    JSON("dict") {
        @Override
        List<byte[]> canonical(long seed, String writer, int count) {
            Random random = random(seed, writer);
            Map<String, Object> doc = new TreeMap<>();
            for (int k = 0; k < 60; k++) {
                doc.put(key(k), random.nextInt(1_000_000));
            }
            List<byte[]> out = new ArrayList<>();
            StateFormat<Map<String, Object>> format = JsonFormats.map();
            for (int i = 0; i < count; i++) {
                doc.put("writer", writer);
                doc.put("n", i);
                for (int e = 0; e < 3; e++) {
                    doc.put(key(random.nextInt(60 + i)), random.nextInt(1_000_000));
                }
                doc.put(key(60 + i), Map.of("added", i, "note", "version " + i + " of " + writer));
                doc.remove(key(random.nextInt(60 + i)));
                out.add(format.toBytes(doc));
            }
            return out;
        }

        private String key(int k) {
            return String.format(Locale.ROOT, "k%04d", k);
        }
    },
    /** 8 KiB of random bytes; each version flips 16 bytes, inserts 64 and sometimes cuts 32. */
    BINARY("bsdiff") {
        @Override
        List<byte[]> canonical(long seed, String writer, int count) {
            Random random = random(seed, writer);
            byte[] state = new byte[8192];
            random.nextBytes(state);
            List<byte[]> out = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                for (int f = 0; f < 16; f++) {
                    state[random.nextInt(state.length)] ^= (byte) (1 + random.nextInt(255));
                }
                byte[] insert = new byte[64];
                random.nextBytes(insert);
                int at = random.nextInt(state.length);
                byte[] next = new byte[state.length + insert.length];
                System.arraycopy(state, 0, next, 0, at);
                System.arraycopy(insert, 0, next, at, insert.length);
                System.arraycopy(state, at, next, at + insert.length, state.length - at);
                if (random.nextInt(4) == 0) {
                    int cut = random.nextInt(next.length - 32);
                    byte[] shorter = Arrays.copyOf(next, next.length - 32);
                    System.arraycopy(next, cut + 32, shorter, cut, next.length - cut - 32);
                    next = shorter;
                }
                state = next;
                out.add(state.clone());
            }
            return out;
        }
    };

    private final String strategy;

    SoakStates(String strategy) {
        this.strategy = strategy;
    }

    /** @return the strategy the writer's chain uses */
    String strategy() {
        return strategy;
    }

    /** @return the chain's state format: {@code json-map} or {@code bytes} */
    StateFormat<?> format() {
        return this == JSON ? JsonFormats.map() : StateFormats.bytes();
    }

    /**
     * @param seed the trial's seed
     * @param writer the writer's name; two writers of one seed add different states
     * @param count how many
     * @return the canonical bytes of the writer's states 0 to {@code count - 1}
     */
    abstract List<byte[]> canonical(long seed, String writer, int count);

    private static Random random(long seed, String writer) {
        return new Random(seed * 31 + writer.hashCode());
    }

    /** @param canonical a state's canonical bytes @return its SHA-256 in lower-case hex */
    static String sha256(byte[] canonical) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every JDK has SHA-256", e);
        }
    }
}
