package io.deltachain.testkit;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.deltachain.spi.Codec;
import io.deltachain.api.DeltaConfigurationException;
import io.deltachain.api.DeltaException;
import io.deltachain.api.LimitExceededException;
import io.deltachain.api.Limits;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The contract every {@link Codec} must meet, as abstract JUnit 5 tests: extend it in a test class
 * and supply the codec.
 *
 * <pre>{@code
 * class ZstdCodecTest extends CodecContract {
 *     protected Codec codec() {
 *         return new ZstdCodec();
 *     }
 * }
 * }</pre>
 *
 * <p>What is checked: round trips of compressible and random data of many sizes (0 and 1 byte
 * included) at every level, deterministic encoding, that levels out of range are refused with a
 * {@link DeltaConfigurationException} naming the range, that decoding is bounded by
 * {@link Limits#maxPayloadBytes()} (a bomb is a {@link LimitExceededException}; skipped for codecs
 * that do not compress), that damaged encodings give only {@link DeltaException} subtypes, that one
 * instance serves several threads, that the id is stable and the default level in range.
 *
 * <p>Every check draws its randomness from one seed, and every failure message carries it:
 * {@code seed=123 (rerun with -Ddeltachain.seed=123)}. The seed is also printed once per test class.
 *
 * <p>Not thread-safe itself; JUnit creates an instance per test method.
 */
public abstract class CodecContract extends SeededContract {

    private static final int[] SIZES = {0, 1, 2, 3, 7, 64, 255, 256, 1024, 4095, 65_536, 100_000};
    private static final int MAX_LEVELS_TRIED = 64;
    private static final int MAX_RANDOM_SIZE = 10_000;
    private static final int BOMB_BYTES = 8 << 20;
    private static final int BOMB_LIMIT = 1 << 20;
    private static final long GARBAGE_LIMIT = 16L << 20;
    private static final int EXHAUSTIVE_INPUTS = 3;
    private static final int THREADS = 4;
    private static final int ROUNDS_PER_THREAD = 3;
    private static final int MAX_CONCURRENT_INPUTS = 32;

    /** For subclasses. */
    protected CodecContract() {
    }

    /**
     * @return the codec under test; may be a new instance on every call or a shared one
     */
    protected abstract Codec codec();



    /**
     * Compressible and random data of many sizes, 0 and 1 byte included, round-trips at the minimum,
     * default and maximum level and every level in between (a sample of them when there are more
     * than 64), and random data of random sizes at random levels.
     */
    @Test
    public void roundTripAtEveryLevel() {
        seeded("roundTripAtEveryLevel", t -> {
            Codec codec = codec();
            for (int level : levelsToTry(codec, t.random())) {
                for (int size : SIZES) {
                    t.at("level " + level + ", " + size + " compressible bytes");
                    assertRoundTrip(t, codec, compressible(t.random(), size), level);
                    t.at("level " + level + ", " + size + " random bytes");
                    assertRoundTrip(t, codec, Corruptions.randomBytes(t.random(), size), level);
                }
            }
            for (int i = 0; i < iterations(); i++) {
                int level = randomLevel(codec, t.random());
                int size = t.random().nextInt(MAX_RANDOM_SIZE);
                byte[] data = t.random().nextBoolean() ? compressible(t.random(), size)
                        : Corruptions.randomBytes(t.random(), size);
                t.at("input " + i + ", level " + level + ", " + size + " bytes");
                assertRoundTrip(t, codec, data, level);
            }
        });
    }

    /**
     * Encoding the same bytes at the same level twice, or a copy of them, gives identical output;
     * neither encode nor decode changes its input array.
     */
    @Test
    public void encodingIsDeterministic() {
        seeded("encodingIsDeterministic", t -> {
            Codec codec = codec();
            for (int i = 0; i < iterations(); i++) {
                int level = randomLevel(codec, t.random());
                int size = t.random().nextInt(MAX_RANDOM_SIZE);
                byte[] data = t.random().nextBoolean() ? compressible(t.random(), size)
                        : Corruptions.randomBytes(t.random(), size);
                t.at("input " + i + ", level " + level + ", " + size + " bytes");
                byte[] before = data.clone();
                byte[] first = codec.encode(data, level);
                t.check(Arrays.equals(before, data), "encode changed its input array");
                byte[] second = codec.encode(data, level);
                byte[] ofCopy = codec.encode(data.clone(), level);
                t.check(Arrays.equals(first, second), "encode gave different bytes for the same input: "
                        + Trial.differ(first, second));
                t.check(Arrays.equals(first, ofCopy), "encode gave different bytes for a copy of the input: "
                        + Trial.differ(first, ofCopy));
                byte[] encoded = first.clone();
                codec.decode(first, Limits.defaults());
                t.check(Arrays.equals(encoded, first), "decode changed its input array");
            }
        });
    }

    /**
     * Levels {@code minLevel() - 1} and {@code maxLevel() + 1} are refused with a
     * {@link DeltaConfigurationException} whose message names the range.
     */
    @Test
    public void levelOutOfRangeIsRefused() {
        seeded("levelOutOfRangeIsRefused", t -> {
            Codec codec = codec();
            int min = codec.minLevel();
            int max = codec.maxLevel();
            List<Integer> outside = new ArrayList<>();
            if (min > Integer.MIN_VALUE) {
                outside.add(min - 1);
            }
            if (max < Integer.MAX_VALUE) {
                outside.add(max + 1);
            }
            byte[] data = compressible(t.random(), 100);
            for (int level : outside) {
                t.at("level " + level + " (range " + min + " to " + max + ")");
                try {
                    byte[] encoded = codec.encode(data, level);
                    throw t.fail("encode accepted level " + level + " outside " + min + " to " + max
                            + " and returned " + Trial.preview(encoded) + "; refuse it, never clamp it");
                } catch (DeltaConfigurationException expected) {
                    String message = String.valueOf(expected.getMessage());
                    t.check(message.contains(String.valueOf(min)) && message.contains(String.valueOf(max)),
                            "the refusal should name the range " + min + " to " + max + ": " + message);
                }
            }
        });
    }

    /**
     * 8 MiB of zeros, encoded, then decoded with {@code maxPayloadBytes} of 1 MiB is a
     * {@link LimitExceededException} that names the limit. Skipped for codecs that do not compress.
     */
    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    public void decodeIsBoundedByLimits() {
        Codec codec = codec();
        byte[] zeros = new byte[BOMB_BYTES];
        byte[] bomb = codec.encode(zeros, codec.defaultLevel());
        assumeTrue(bomb.length < zeros.length / 2,
                () -> "codec '" + codec.id() + "' does not compress, so it cannot be a decompression bomb");
        seeded("decodeIsBoundedByLimits", t -> {
            t.at(BOMB_BYTES + " zeros encoded to " + bomb.length + " bytes, decoded with a limit of " + BOMB_LIMIT);
            try {
                byte[] decoded = codec.decode(bomb, Limits.defaults().withMaxPayloadBytes(BOMB_LIMIT));
                throw t.fail("decode returned " + decoded.length + " bytes despite maxPayloadBytes=" + BOMB_LIMIT);
            } catch (LimitExceededException expected) {
                String message = String.valueOf(expected.getMessage());
                t.check(message.contains("maxPayloadBytes"), "the refusal should name the limit (maxPayloadBytes)"
                        + " and say how to raise it: " + message);
            }
        });
    }

    /**
     * A payload decodes with {@code maxPayloadBytes} equal to its size, and is refused with a
     * {@link LimitExceededException} when the limit is one byte less.
     */
    @Test
    public void decodeAcceptsPayloadExactlyAtTheLimit() {
        seeded("decodeAcceptsPayloadExactlyAtTheLimit", t -> {
            Codec codec = codec();
            for (int size : new int[] {1, 1000, 100_000}) {
                byte[] data = compressible(t.random(), size);
                byte[] encoded = codec.encode(data, codec.defaultLevel());
                t.at(size + " bytes, limit " + size);
                byte[] decoded = codec.decode(encoded, Limits.defaults().withMaxPayloadBytes(size));
                t.check(Arrays.equals(data, decoded), "decode at a limit equal to the size gave "
                        + Trial.differ(data, decoded));
                if (size > 1) {
                    t.at(size + " bytes, limit " + (size - 1));
                    try {
                        byte[] over = codec.decode(encoded, Limits.defaults().withMaxPayloadBytes(size - 1));
                        throw t.fail("decode returned " + over.length + " bytes despite maxPayloadBytes=" + (size - 1));
                    } catch (LimitExceededException expected) {
                        // refused, as it should be
                    }
                }
            }
        });
    }

    /**
     * Random bytes, truncations and flipped bits and bytes of valid encodings make {@code decode}
     * return normally or throw a {@link DeltaException} subtype; any other throwable fails with its type.
     */
    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    public void garbageGivesOnlyDeltaExceptions() {
        seeded("garbageGivesOnlyDeltaExceptions", t -> {
            Codec codec = codec();
            Limits limits = Limits.defaults().withMaxPayloadBytes(GARBAGE_LIMIT);
            t.at("empty input");
            expectOnlyDeltaException(t, codec, new byte[0], limits);
            for (int i = 0; i < iterations(); i++) {
                int level = randomLevel(codec, t.random());
                int size = t.random().nextInt(2_000);
                byte[] data = t.random().nextBoolean() ? compressible(t.random(), size)
                        : Corruptions.randomBytes(t.random(), size);
                byte[] valid = codec.encode(data, level);
                String where = "input " + i + " (" + size + " bytes at level " + level + "), encoding ";
                Corruptions.forEach(valid, t.random(), i < EXHAUSTIVE_INPUTS, (damage, garbage) -> {
                    t.at(where + damage);
                    expectOnlyDeltaException(t, codec, garbage, limits);
                });
            }
        });
    }

    /** Several threads encode and decode with the same codec instance at once, with single-threaded results. */
    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    public void concurrentUseIsSafe() {
        seeded("concurrentUseIsSafe", t -> {
            Codec codec = codec();
            int count = Math.max(1, Math.min(iterations(), MAX_CONCURRENT_INPUTS));
            List<byte[]> inputs = new ArrayList<>(count);
            List<byte[]> encodings = new ArrayList<>(count);
            int[] levels = new int[count];
            t.at("single-threaded encodings");
            for (int i = 0; i < count; i++) {
                levels[i] = randomLevel(codec, t.random());
                int size = t.random().nextInt(MAX_RANDOM_SIZE * 4);
                inputs.add(t.random().nextBoolean() ? compressible(t.random(), size)
                        : Corruptions.randomBytes(t.random(), size));
                encodings.add(codec.encode(inputs.get(i), levels[i]));
            }
            Workers.run(t, THREADS, "concurrent encode and decode", (thread, random) -> {
                for (int round = 0; round < ROUNDS_PER_THREAD * count; round++) {
                    int k = random.nextInt(count);
                    Workers.step("thread " + thread + ", step " + round + ", input " + k, () -> {
                        byte[] encoded = codec.encode(inputs.get(k), levels[k]);
                        if (!Arrays.equals(encoded, encodings.get(k))) {
                            throw new AssertionError("concurrent encode differs from the single-threaded one: "
                                    + Trial.differ(encodings.get(k), encoded));
                        }
                        byte[] decoded = codec.decode(encoded, Limits.defaults());
                        if (!Arrays.equals(decoded, inputs.get(k))) {
                            throw new AssertionError("concurrent decode gave " + Trial.differ(inputs.get(k), decoded));
                        }
                    });
                }
            });
        });
    }

    /** The id matches {@code [a-z][a-z0-9-]*} and is the same on every call. */
    @Test
    public void idIsStableLowerCase() {
        seeded("idIsStableLowerCase", t -> {
            String id = codec().id();
            t.check(id != null && ID.matcher(id).matches(), "id '" + id + "' must match " + ID.pattern());
            t.check(id.equals(codec().id()), "id changed between calls: '" + id + "' then '" + codec().id() + "'");
        });
    }

    /** {@code minLevel() <= defaultLevel() <= maxLevel()}, and the default level is accepted. */
    @Test
    public void defaultLevelIsInRange() {
        seeded("defaultLevelIsInRange", t -> {
            Codec codec = codec();
            t.check(codec.minLevel() <= codec.defaultLevel() && codec.defaultLevel() <= codec.maxLevel(),
                    "default level " + codec.defaultLevel() + " is outside " + codec.minLevel() + " to "
                            + codec.maxLevel());
            t.at("round trip at the default level " + codec.defaultLevel());
            assertRoundTrip(t, codec, compressible(t.random(), 1000), codec.defaultLevel());
        });
    }

    private static void assertRoundTrip(Trial t, Codec codec, byte[] data, int level) {
        byte[] encoded = codec.encode(data, level);
        t.check(encoded != null, "encode returned null");
        byte[] decoded = codec.decode(encoded, Limits.defaults());
        t.check(Arrays.equals(data, decoded), "decode(encode(data)) differs from data: " + Trial.differ(data, decoded)
                + "; encoded " + Trial.preview(encoded));
    }

    private static void expectOnlyDeltaException(Trial t, Codec codec, byte[] garbage, Limits limits) {
        byte[] result;
        try {
            result = codec.decode(garbage, limits);
        } catch (DeltaException expected) {
            return;
        } catch (Throwable e) {
            throw t.fail("decode threw " + e.getClass().getName() + " instead of a DeltaException subtype on "
                    + Trial.preview(garbage) + ": " + e.getMessage(), e);
        }
        t.check(result != null, "decode returned null on " + Trial.preview(garbage)
                + "; return bytes or throw a DeltaException subtype");
    }

    private static List<Integer> levelsToTry(Codec codec, Random random) {
        List<Integer> levels = new ArrayList<>();
        long span = (long) codec.maxLevel() - codec.minLevel() + 1;
        if (span <= MAX_LEVELS_TRIED) {
            for (int level = codec.minLevel(); level <= codec.maxLevel(); level++) {
                levels.add(level);
            }
        } else {
            levels.add(codec.minLevel());
            levels.add(codec.defaultLevel());
            levels.add(codec.maxLevel());
            while (levels.size() < MAX_LEVELS_TRIED) {
                levels.add(randomLevel(codec, random));
            }
        }
        return levels;
    }

    private static int randomLevel(Codec codec, Random random) {
        long span = (long) codec.maxLevel() - codec.minLevel() + 1;
        return (int) (codec.minLevel() + (long) (random.nextDouble() * span));
    }

    /** Text-like bytes: words from a small vocabulary with some random noise, as real payloads are. */
    private static byte[] compressible(Random random, int size) {
        byte[] data = new byte[size];
        byte[][] words = {"delta ".getBytes(US_ASCII),
                "chain ".getBytes(US_ASCII),
                "{\"key\":".getBytes(US_ASCII),
                "\u0000\u0000\u0000\u0000".getBytes(US_ASCII)};
        int at = 0;
        while (at < size) {
            if (random.nextInt(16) == 0) {
                data[at++] = (byte) random.nextInt(256);
                continue;
            }
            byte[] word = words[random.nextInt(words.length)];
            int n = Math.min(word.length, size - at);
            System.arraycopy(word, 0, data, at, n);
            at += n;
        }
        return data;
    }
}
