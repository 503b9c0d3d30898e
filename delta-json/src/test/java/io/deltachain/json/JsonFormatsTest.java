package io.deltachain.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deltachain.api.CorruptDeltaException;
import io.deltachain.api.DeltaException;
import io.deltachain.api.InvalidStateException;
import io.deltachain.api.LimitExceededException;
import io.deltachain.api.Limits;
import io.deltachain.spi.StateFormat;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.ServiceLoader;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JsonFormatsTest {
    private static final Limits DEFAULTS = Limits.defaults();

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void idsTypesAndServiceLoader() {
        assertEquals("json-map", JsonFormats.map().id());
        assertEquals("json-node", JsonFormats.node().id());
        assertEquals(Map.class, JsonFormats.map().type());
        assertEquals(JsonNode.class, JsonFormats.node().type());
        assertSame(JsonFormats.map(), JsonFormats.map());
        Set<String> found = new HashSet<>();
        for (StateFormat<?> format : ServiceLoader.load(StateFormat.class)) {
            found.add(format.id());
        }
        assertTrue(found.containsAll(Set.of("json-map", "json-node")), found.toString());
    }

    @Test
    void mapRoundTripAndCopy() {
        StateFormat<Map<String, Object>> f = JsonFormats.map();
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("b", new ArrayList<>(List.of(1, 2.5, "x")));
        state.put("a", new LinkedHashMap<>(Map.of("n", 1)));
        byte[] bytes = f.toBytes(state);
        assertEquals("{\"a\":{\"n\":1},\"b\":[1,2.5,\"x\"]}", new String(bytes, StandardCharsets.UTF_8));
        Map<String, Object> back = f.fromBytes(bytes, DEFAULTS);
        assertInstanceOf(LinkedHashMap.class, back);
        assertTrue(f.equivalent(state, back));
        assertArrayEquals(bytes, f.toBytes(back));

        Map<String, Object> copy = f.copy(state);
        assertInstanceOf(LinkedHashMap.class, copy);
        assertNotSame(state.get("b"), copy.get("b"));
        @SuppressWarnings("unchecked")
        List<Object> list = (List<Object>) copy.get("b");
        list.add(4);
        assertArrayEquals(bytes, f.toBytes(state), "original unchanged by mutating the copy");
        assertFalse(f.equivalent(state, copy));
    }

    @Test
    void nodeRoundTripAndCopy() {
        StateFormat<JsonNode> f = JsonFormats.node();
        ObjectNode state = JsonNodeFactory.instance.objectNode();
        state.put("d", 0.1).put("big", new BigDecimal("1.2345678901234567890123e+400")).put("s", "\u00e9");
        state.putArray("arr").add(1).add(9007199254740993L).add(BigInteger.TEN.pow(30)).addNull().add(true);
        byte[] bytes = f.toBytes(state);
        assertEquals("{\"arr\":[1,9007199254740993,1e+30,null,true],\"big\":1.2345678901234567890123e+400,"
                + "\"d\":0.1,\"s\":\"\u00e9\"}", new String(bytes, StandardCharsets.UTF_8));
        JsonNode back = f.fromBytes(bytes, DEFAULTS);
        assertInstanceOf(ObjectNode.class, back);
        assertInstanceOf(DecimalNode.class, back.get("d"), "exact decimals, never double");
        assertEquals(new BigDecimal("0.1"), back.get("d").decimalValue());
        assertTrue(back.get("arr").get(1).isLong());
        assertTrue(back.get("arr").get(2).isBigDecimal(), "1e+30 is written in exponent form");
        assertTrue(f.fromBytes(utf8("[99999999999999999999]"), DEFAULTS).get(0).isBigInteger());
        assertArrayEquals(bytes, f.toBytes(back));
        assertTrue(f.equivalent(state, back));
        assertTrue(JsonValues.equal(back, JsonFormats.map().fromBytes(bytes, DEFAULTS)));

        JsonNode copy = f.copy(state);
        ((ArrayNode) copy.get("arr")).add(5);
        ((ObjectNode) copy).put("new", 1);
        assertArrayEquals(bytes, f.toBytes(state));
        // Any top-level value is a node.
        assertTrue(f.fromBytes(utf8("[1]"), DEFAULTS).isArray());
        assertTrue(f.fromBytes(utf8("1.50"), DEFAULTS).isBigDecimal());
    }

    @Test
    void garbageIsCorruptOnly() {
        List<byte[]> garbage = List.of(utf8(""), utf8("{"), utf8("{\"a\":1,\"a\":2}"), utf8("{} {}"),
                new byte[] {(byte) 0xC3, 0x28}, utf8("{\"a\":\"\\ud800\"}"), utf8("not json"), new byte[] {0, 0, 0, 1});
        for (byte[] g : garbage) {
            assertThrows(CorruptDeltaException.class, () -> JsonFormats.map().fromBytes(g, DEFAULTS));
            assertThrows(CorruptDeltaException.class, () -> JsonFormats.node().fromBytes(g, DEFAULTS));
        }
        assertThrows(CorruptDeltaException.class, () -> JsonFormats.map().fromBytes(utf8("[1,2]"), DEFAULTS));
        assertThrows(LimitExceededException.class, () -> JsonFormats.node().fromBytes(utf8("1e999999999"), DEFAULTS));
        assertThrows(LimitExceededException.class,
                () -> JsonFormats.node().fromBytes(utf8("[".repeat(1001) + "]".repeat(1001)), DEFAULTS));
        Random random = new Random(99);
        for (int i = 0; i < 2000; i++) {
            byte[] bytes = new byte[random.nextInt(40)];
            random.nextBytes(bytes);
            for (StateFormat<?> f : List.of(JsonFormats.map(), JsonFormats.node())) {
                try {
                    f.fromBytes(bytes, DEFAULTS);
                } catch (CorruptDeltaException expected) {
                    // the only acceptable failure for random bytes
                }
            }
        }
    }

    @Test
    void toBytesRefusesUnrepresentableStates() {
        Map<String, Object> bad = new LinkedHashMap<>();
        bad.put("x", Double.NaN);
        assertThrows(InvalidStateException.class, () -> JsonFormats.map().toBytes(bad));
        assertThrows(InvalidStateException.class, () -> JsonFormats.map().copy(bad));
    }

    // ---- seeded random tests ------------------------------------------------------------------

    private static final String ALPHABET = "ab\"\\/\u0000\u001f\u007f\u00e9\u2028\uFFFF \t\n";

    private static String randomString(Random r) {
        StringBuilder b = new StringBuilder();
        int n = r.nextInt(6);
        for (int i = 0; i < n; i++) {
            if (r.nextInt(8) == 0) {
                b.appendCodePoint(0x10000 + r.nextInt(0x100000));
            } else {
                b.append(ALPHABET.charAt(r.nextInt(ALPHABET.length())));
            }
        }
        return b.toString();
    }

    private static double randomDouble(Random r) {
        switch (r.nextInt(4)) {
            case 0:
                return r.nextDouble();
            case 1:
                return (r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(60) - 30);
            case 2:
                return r.nextInt(2000) / 100.0;
            default:
                double d;
                do {
                    d = Double.longBitsToDouble(r.nextLong());
                } while (!Double.isFinite(d));
                return d;
        }
    }

    private static Object randomValue(Random r, int depth) {
        int kind = r.nextInt(depth > 4 ? 10 : 13);
        switch (kind) {
            case 0:
                return null;
            case 1:
                return r.nextBoolean();
            case 2:
                return randomString(r);
            case 3:
                return r.nextInt();
            case 4:
                return r.nextLong();
            case 5:
                return new BigInteger(1 + r.nextInt(120), r).subtract(BigInteger.TWO.pow(60));
            case 6:
                return new BigDecimal(new BigInteger(1 + r.nextInt(80), r), r.nextInt(100) - 50);
            case 7:
                return randomDouble(r);
            case 8: {
                float f = (float) randomDouble(r);
                return Float.isFinite(f) ? f : 1.5f;
            }
            case 9:
                return new BigDecimal(r.nextInt(1000) - 500).movePointLeft(r.nextInt(30));
            case 10:
            case 11: {
                Map<String, Object> m = new LinkedHashMap<>();
                int n = r.nextInt(5);
                for (int i = 0; i < n; i++) {
                    m.put(randomString(r), randomValue(r, depth + 1));
                }
                return m;
            }
            default: {
                List<Object> l = new ArrayList<>();
                int n = r.nextInt(5);
                for (int i = 0; i < n; i++) {
                    l.add(randomValue(r, depth + 1));
                }
                return l;
            }
        }
    }

    @Test
    void randomValuesSurviveWriteParseWrite() {
        long seed = System.nanoTime();
        Random r = new Random(seed);
        for (int i = 0; i < 3000; i++) {
            Object value = randomValue(r, 0);
            byte[] first = CanonicalJson.write(value);
            String context = "seed " + seed + ", iteration " + i + ": " + new String(first, StandardCharsets.UTF_8);
            try {
                Object parsed = CanonicalJson.parse(first, DEFAULTS);
                assertArrayEquals(first, CanonicalJson.write(parsed), context);
                assertTrue(JsonValues.equal(value, parsed), context);
                assertArrayEquals(first, CanonicalJson.write(JsonValues.deepCopy(value)), context);
                JsonNode node = JsonFormats.node().fromBytes(first, DEFAULTS);
                assertArrayEquals(first, JsonFormats.node().toBytes(node), context);
            } catch (DeltaException e) {
                throw new AssertionError(context, e);
            }
        }
    }

    @Test
    void randomDoublesWriteTheShortestTextThatReadsBack() {
        long seed = System.nanoTime();
        Random r = new Random(seed);
        boolean shortestJdk = Runtime.version().feature() >= 19;
        for (int i = 0; i < 20_000; i++) {
            double d = randomDouble(r);
            String t = CanonicalJson.toString(d);
            String context = "seed " + seed + ", iteration " + i + ": " + Double.toString(d) + " wrote " + t;
            assertTrue(d == Double.parseDouble(t), context);
            assertFalse(t.contains("E") || t.startsWith("+") || t.equals("-0"), context);
            BigDecimal ours = new BigDecimal(t).stripTrailingZeros();
            int jdkDigits = new BigDecimal(Double.toString(d)).stripTrailingZeros().precision();
            assertTrue(d == 0 || ours.precision() <= jdkDigits, context);
            if (shortestJdk && ours.precision() >= 2) {
                // From JDK 19, Double.toString is the shortest and closest too (RFC 8785 agrees).
                assertEquals(0, ours.compareTo(new BigDecimal(Double.toString(d))), context);
            }
            float f = (float) d;
            if (Float.isFinite(f)) {
                String ft = CanonicalJson.toString(f);
                assertTrue(f == new BigDecimal(ft).floatValue(), context + " as float " + ft);
                int jdkFloatDigits = new BigDecimal(Float.toString(f)).stripTrailingZeros().precision();
                assertTrue(f == 0 || new BigDecimal(ft).stripTrailingZeros().precision() <= jdkFloatDigits, context + " as float " + ft);
            }
        }
    }
}
