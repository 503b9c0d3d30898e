package io.deltachain.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltachain.api.CorruptDeltaException;
import io.deltachain.api.InvalidStateException;
import io.deltachain.api.Limit;
import io.deltachain.api.LimitExceededException;
import io.deltachain.api.Limits;
import io.deltachain.spi.StateFormat;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Whatever a JSON format reads, it writes as canonical bytes that read back under the same limits:
 * a state is either refused when read (a {@link LimitExceededException}) or its canonical bytes read
 * again, for number literals near the length and exponent limits and for documents at the depth limit.
 */
class SymmetricLimitsTest {
    /** A state type whose number is mapped as JSON ({@code Integer}, {@code BigInteger} or {@code BigDecimal}). */
    public record Holder(Object n) {
    }

    /** A state type whose number is a {@code BigDecimal}. */
    public record Decimal(BigDecimal n) {
    }

    private static final List<Limits> LIMITS = List.of(Limits.defaults(),
            Limits.defaults().withMaxNumberLength(40).withMaxNumberExponent(30),
            Limits.defaults().withMaxNumberLength(25), Limits.defaults().withMaxNumberExponent(20));

    /** Literals of about {@code length} characters in every form canonical JSON lays out differently. */
    private static Set<String> literalsNear(int length, Random random) {
        Set<String> out = new LinkedHashSet<>();
        for (int n = Math.max(1, length - 15); n <= length + 5; n++) {
            out.add("9".repeat(n));
            out.add("1" + "0".repeat(n - 1));
            out.add(digits(n, random));
            out.add("-" + digits(Math.max(1, n - 1), random));
            out.add(digits(Math.max(1, n - 4), random) + "000");
            for (int point : new int[] {1, 5, 21, 22, 25}) {
                if (point < n - 1) {
                    out.add(digits(point, random) + "." + digits(n - point - 1, random));
                    out.add("-" + digits(point, random) + "." + digits(Math.max(1, n - point - 2), random));
                }
            }
            out.add("0." + "0".repeat(Math.min(5, n)) + digits(Math.max(1, n - 7), random));
            for (String exponent : new String[] {"e-1", "e-5", "e-6", "e-7", "E+3", "e20", "e21", "e22", "e-30", "e29",
                    "e30", "e31", "e-" + (n + 5), "e" + (1_000_000 - n), "e" + (1_000_001 - n)}) {
                int room = Math.max(1, n - exponent.length());
                out.add(digits(room, random) + exponent);
                out.add(digits(1, random) + "." + digits(Math.max(1, room - 2), random) + exponent);
                out.add("-" + digits(Math.max(1, room - 1), random) + exponent);
            }
        }
        return out;
    }

    private static String digits(int n, Random random) {
        StringBuilder b = new StringBuilder(n);
        b.append((char) ('1' + random.nextInt(9)));
        for (int i = 1; i < n; i++) {
            b.append((char) ('0' + random.nextInt(10)));
        }
        return b.toString();
    }

    @Test
    void everyNumberLiteralNearTheLimitsIsRefusedOnInputOrReadsBackFromItsCanonicalBytes() {
        Random random = new Random(25);
        List<StateFormat<?>> formats = List.of(JsonFormats.map(), JsonFormats.node(), JsonFormats.of(Holder.class),
                JsonFormats.of(Decimal.class));
        int probed = 0;
        int refused = 0;
        List<String> asymmetric = new ArrayList<>();
        for (Limits limits : LIMITS) {
            Set<String> literals = literalsNear(limits.maxNumberLength(), random);
            literals.addAll(literalsNear(30, random));
            for (String literal : literals) {
                byte[] doc = ("{\"n\":" + literal + "}").getBytes(StandardCharsets.UTF_8);
                for (StateFormat<?> format : formats) {
                    probed++;
                    String outcome = probe(format, doc, limits);
                    if (outcome == null) {
                        refused++;
                    } else if (!outcome.isEmpty()) {
                        asymmetric.add(format.id() + " " + limits + " " + literal + ": " + outcome);
                    }
                }
            }
        }
        assertEquals(List.of(), asymmetric.subList(0, Math.min(5, asymmetric.size())), asymmetric.size() + " asymmetric");
        assertTrue(probed > 10_000 && refused > probed / 10 && refused < probed * 9 / 10, probed + " probed, "
                + refused + " refused");
        System.out.println("SymmetricLimitsTest: " + probed + " literal and format pairs probed, " + refused
                + " refused on input, 0 asymmetric");
    }

    /** @return null when refused on input, "" when the canonical bytes read back, else what went wrong */
    private static <S> String probe(StateFormat<S> format, byte[] doc, Limits limits) {
        S state;
        try {
            state = format.fromBytes(doc, limits);
        } catch (LimitExceededException e) {
            return null;
        } catch (RuntimeException e) {
            return "failed on input: " + e;
        }
        try {
            byte[] canonical = format.toBytes(state);
            byte[] again = format.toBytes(format.fromBytes(canonical, limits));
            return java.util.Arrays.equals(canonical, again) ? "" : "the canonical bytes changed when read back";
        } catch (RuntimeException e) {
            return "accepted, but its canonical bytes do not read back: " + e;
        }
    }

    @Test
    void anIntegerWhoseCanonicalFormIsTooLongIsRefusedWhenReadNamingTheLimit() {
        LimitExceededException e = assertThrows(LimitExceededException.class,
                () -> CanonicalJson.parse(("[" + "7".repeat(1000) + "]").getBytes(StandardCharsets.UTF_8),
                        Limits.defaults()));
        assertEquals(Limit.NUMBER_LENGTH, e.limit());
        assertEquals(1006, e.actual()); // 7.777...7e+999
        assertTrue(e.getMessage().contains("written canonically in 1006 characters")
                && e.getMessage().contains("byte offset 1"), e.getMessage());
        // 994 digits are written in 1,000 characters: the most that reads back; 995 are refused.
        assertThrows(LimitExceededException.class, () -> CanonicalJson.parse(("[" + "7".repeat(995) + "]")
                .getBytes(StandardCharsets.UTF_8), Limits.defaults()));
        Object read = CanonicalJson.parse(("[" + "7".repeat(994) + "]").getBytes(StandardCharsets.UTF_8),
                Limits.defaults());
        assertEquals(1002, CanonicalJson.write(read).length);
        LimitExceededException exponent = assertThrows(LimitExceededException.class,
                () -> CanonicalJson.parse(("[" + "7".repeat(40) + "]").getBytes(StandardCharsets.UTF_8),
                        Limits.defaults().withMaxNumberExponent(38)));
        assertEquals(Limit.NUMBER_EXPONENT, exponent.limit());
        assertEquals(39, exponent.actual());
    }

    @Test
    void writingUnderLimitsRefusesWhatWouldNotReadBack() {
        Limits limits = Limits.defaults().withMaxNumberLength(10).withMaxNumberExponent(5);
        assertArrayEquals(CanonicalJson.write(List.of(12345)), CanonicalJson.write(List.of(12345), limits));
        LimitExceededException length = assertThrows(LimitExceededException.class,
                () -> CanonicalJson.write(Map.of("a", List.of(new BigDecimal("1234567.8901"))), limits));
        assertEquals(Limit.NUMBER_LENGTH, length.limit());
        assertTrue(length.getMessage().contains("/a/0"), length.getMessage());
        LimitExceededException exponent = assertThrows(LimitExceededException.class,
                () -> CanonicalJson.write(List.of(1e300), limits));
        assertEquals(Limit.NUMBER_EXPONENT, exponent.limit());
        assertEquals(300, exponent.actual());
    }

    private static String nested(int depth) {
        return "{\"a\":".repeat(depth - 1) + "[]" + "}".repeat(depth - 1);
    }

    @Test
    void depthOneBelowAtAndAboveTheLimitIsTheSameForReadingWritingAndReadingBack() {
        for (int limit : new int[] {Limits.DEFAULT_MAX_JSON_DEPTH, 40}) {
            Limits limits = Limits.defaults().withMaxJsonDepth(limit);
            for (StateFormat<?> format : List.of(JsonFormats.map(), JsonFormats.node(), JsonFormats.of(Holder.class))) {
                for (int depth = limit - 1; depth <= limit + 1; depth++) {
                    byte[] doc = (format.id().startsWith("json-io-") ? "{\"n\":" + nested(depth - 1) + "}"
                            : nested(depth)).getBytes(StandardCharsets.UTF_8);
                    String context = format.id() + " depth " + depth + " limit " + limit;
                    if (depth > limit) {
                        LimitExceededException e = assertThrows(LimitExceededException.class,
                                () -> format.fromBytes(doc, limits), context);
                        assertEquals(Limit.JSON_DEPTH, e.limit(), context);
                        continue;
                    }
                    assertEquals(depth, readBack(format, doc, limits), context);
                }
            }
            // Writing under the limits refuses one level more, as reading does.
            Object deepest = CanonicalJson.parse(nested(limit).getBytes(StandardCharsets.UTF_8), limits);
            CanonicalJson.write(deepest, limits);
            LimitExceededException e = assertThrows(LimitExceededException.class,
                    () -> CanonicalJson.write(List.of(deepest), limits));
            assertEquals(Limit.JSON_DEPTH, e.limit());
            assertEquals(limit + 1L, e.actual());
            assertThrows(LimitExceededException.class, () -> JsonValues.checkDepth(deepest, 1, limits, "it"));
            JsonValues.checkDepth(deepest, 0, limits, "it");
        }
        // The writer without limits keeps the default depth, as the default reader does.
        Object atDefault = CanonicalJson.parse(nested(1000).getBytes(StandardCharsets.UTF_8), Limits.defaults());
        assertEquals(nested(1000), CanonicalJson.toString(atDefault));
        assertThrows(InvalidStateException.class, () -> CanonicalJson.write(List.of(atDefault)));
    }

    private static <S> int readBack(StateFormat<S> format, byte[] doc, Limits limits) {
        S state = format.fromBytes(doc, limits);
        byte[] canonical = format.toBytes(state);
        assertArrayEquals(canonical, format.toBytes(format.fromBytes(canonical, limits)));
        int depth = 0;
        int deepest = 0;
        for (byte b : canonical) {
            depth += b == '{' || b == '[' ? 1 : b == '}' || b == ']' ? -1 : 0;
            deepest = Math.max(deepest, depth);
        }
        return deepest;
    }

    /**
     * Names chosen to share one hash (breaker, 2026-12-03: 3,000 names of "Aa" and "BB", 32 characters):
     * Jackson's name table refused them as a flood, reported as a number literal too long, so that a
     * patch could write a document no reader took. They read, as any other names do.
     */
    @Test
    void namesThatShareOneHashRead() {
        StringBuilder doc = new StringBuilder("{");
        for (int i = 0; i < 3_000; i++) {
            StringBuilder name = new StringBuilder();
            for (int bit = 15; bit >= 0; bit--) {
                name.append((i >> bit & 1) == 0 ? "Aa" : "BB");
            }
            doc.append(i == 0 ? "" : ",").append('"').append(name).append("\":").append(i);
        }
        byte[] json = doc.append('}').toString().getBytes(StandardCharsets.UTF_8);
        Object read = CanonicalJson.parse(json, Limits.defaults());
        assertEquals(3_000, ((Map<?, ?>) read).size());
        assertArrayEquals(CanonicalJson.write(read), CanonicalJson.write(CanonicalJson.parse(CanonicalJson.write(read),
                Limits.defaults())));
    }

    @Test
    void jacksonsWordsAreOneLineWithThePositionAndNoSourceNoise() {
        CorruptDeltaException e = assertThrows(CorruptDeltaException.class,
                () -> CanonicalJson.parse("[1,\n2".getBytes(StandardCharsets.UTF_8), Limits.defaults()));
        assertFalse(e.getMessage().contains("Source") || e.getMessage().contains("REDACTED")
                || e.getMessage().contains("\n"), e.getMessage());
        assertTrue(e.getMessage().contains("line 1, column 1") && e.getMessage().contains("byte offset"), e.getMessage());
        LimitExceededException tooLong = assertThrows(LimitExceededException.class, () -> CanonicalJson.parse(
                ("[" + "1".repeat(2000) + "]").getBytes(StandardCharsets.UTF_8), Limits.defaults()));
        assertFalse(tooLong.getMessage().contains("StreamReadConstraints") || tooLong.getMessage().contains("-1"),
                tooLong.getMessage());
        assertInstanceOf(LimitExceededException.class, tooLong);
        assertEquals(Limit.NUMBER_LENGTH, tooLong.limit());
    }
}
