package io.deltachain.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltachain.api.CorruptDeltaException;
import io.deltachain.api.DeltaException;
import io.deltachain.api.LimitExceededException;
import io.deltachain.api.Limits;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonReaderTest {
    private static final Limits DEFAULTS = Limits.defaults();

    private static Object parse(String json) {
        return CanonicalJson.parse(json.getBytes(StandardCharsets.UTF_8), DEFAULTS);
    }

    private static CorruptDeltaException corrupt(byte[] json) {
        return assertThrows(CorruptDeltaException.class, () -> CanonicalJson.parse(json, DEFAULTS));
    }

    private static CorruptDeltaException corrupt(String json) {
        return corrupt(json.getBytes(StandardCharsets.UTF_8));
    }

    private static LimitExceededException tooBig(String json, Limits limits) {
        return assertThrows(LimitExceededException.class,
                () -> CanonicalJson.parse(json.getBytes(StandardCharsets.UTF_8), limits));
    }

    @Test
    void valuesHaveDocumentedJavaTypes() {
        Object v = parse("{\"b\":[1,3000000000,99999999999999999999,1.5,1e2,-0,\"s\",true,false,null],\"a\":{}}");
        Map<?, ?> map = assertInstanceOf(LinkedHashMap.class, v);
        assertEquals(List.of("b", "a"), new ArrayList<>(map.keySet()), "document order kept");
        List<?> list = assertInstanceOf(ArrayList.class, map.get("b"));
        assertEquals(1, list.get(0));
        assertEquals(3000000000L, list.get(1));
        assertEquals(new BigInteger("99999999999999999999"), list.get(2));
        assertEquals(new BigDecimal("1.5"), list.get(3));
        assertEquals(new BigDecimal("1e2"), list.get(4));
        assertEquals(0, list.get(5));
        assertEquals("s", list.get(6));
        assertEquals(Boolean.TRUE, list.get(7));
        assertEquals(Boolean.FALSE, list.get(8));
        assertNull(list.get(9));
        assertInstanceOf(LinkedHashMap.class, map.get("a"));
        assertEquals(Long.MAX_VALUE, parse("9223372036854775807"));
        assertEquals(Long.MIN_VALUE, parse("-9223372036854775808"));
        assertEquals(new BigInteger("9223372036854775808"), parse("9223372036854775808"));
        assertEquals(Integer.MIN_VALUE, parse("-2147483648"));
        assertEquals(2147483648L, parse("2147483648"));
        assertEquals("\uD83D\uDE00", parse("\"\\ud83d\\ude00\""));
    }

    @Test
    void parseObjectRequiresAnObject() {
        assertEquals(Map.of("a", 1), CanonicalJson.parseObject("{\"a\":1}".getBytes(StandardCharsets.UTF_8), DEFAULTS));
        for (String notObject : List.of("[1]", "1", "\"s\"", "null", "true")) {
            assertThrows(CorruptDeltaException.class,
                    () -> CanonicalJson.parseObject(notObject.getBytes(StandardCharsets.UTF_8), DEFAULTS), notObject);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "{", "}", "[1,]", "[1 2]", "{\"a\"}", "{\"a\":}", "{a:1}", "{'a':1}", "'a'",
        "NaN", "Infinity", "-Infinity", "01", "1.", ".5", "+1", "1e", "1e+", "-", "0x10", "/*c*/1", "1 // c",
        "\"\\x\"", "\"\\u12\"", "\"a\tb\"", "\"a\nb\"", "\"open", "tru", "nul", "[1]]", "{\"a\":1}}", "{} x",
        "{}{}", "1 2", "[] []", "\"a\" \"b\"", "1x", "truex", "[1,,2]", "{\"a\":1,}", "\u00a0{}"})
    void malformedJsonIsCorrupt(String json) {
        corrupt(json);
    }

    @Test
    void trailingGarbageNamesTheOffset() {
        CorruptDeltaException e = corrupt("{\"a\":1} {}");
        assertTrue(e.getMessage().contains("offset 8"), e.getMessage());
    }

    @Test
    void duplicateNamesAreRefusedNamingNameAndOffset() {
        for (String json : List.of("{\"a\":1,\"a\":2}", "{\"x\":{\"dup\":1,\"b\":2,\"dup\":3}}",
                "[{\"n\":null,\"n\":null}]", "{\"\\u0061\":1,\"a\":1}")) {
            CorruptDeltaException e = corrupt(json);
            assertTrue(e.getMessage().contains("duplicate"), e.getMessage());
            assertTrue(e.getMessage().contains("offset"), e.getMessage());
        }
        CorruptDeltaException e = corrupt("{\"x\":{\"dup\":1,\"b\":2,\"dup\":3}}");
        assertTrue(e.getMessage().contains("dup"), e.getMessage());
        // Same name in different objects is fine.
        assertEquals(2, ((Map<?, ?>) parse("{\"a\":{\"a\":1},\"b\":{\"a\":1}}")).size());
    }

    @Test
    void loneSurrogatesInInputAreCorrupt() {
        for (String json : List.of("\"\\ud800\"", "\"\\udc00\"", "\"\\ud83d x\"", "\"\\ude00\\ud83d\"",
                "{\"\\ud800\":1}", "[\"ok\",\"\\udbff\"]")) {
            CorruptDeltaException e = corrupt(json);
            assertTrue(e.getMessage().contains("surrogate"), e.getMessage());
            assertTrue(e.getMessage().contains("offset"), e.getMessage());
        }
    }

    @Test
    void invalidUtf8IsCorruptWithOffset() {
        byte[] bad = {'"', 'a', (byte) 0xFF, 'b', '"'};
        assertTrue(corrupt(bad).getMessage().contains("offset 2"), corrupt(bad).getMessage());
        byte[] overlong = {'"', (byte) 0xC0, (byte) 0xAF, '"'};
        assertTrue(corrupt(overlong).getMessage().contains("offset 1"));
        byte[] overlong3 = {'"', (byte) 0xE0, (byte) 0x80, (byte) 0xAF, '"'};
        assertTrue(corrupt(overlong3).getMessage().contains("offset 1"));
        byte[] truncated = {'"', 'x', (byte) 0xE2, (byte) 0x82};
        assertTrue(corrupt(truncated).getMessage().contains("offset 2"));
        byte[] encodedSurrogate = {'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'};
        assertTrue(corrupt(encodedSurrogate).getMessage().contains("UTF-8"));
        byte[] aboveMax = {'"', (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80, '"'};
        corrupt(aboveMax);
        byte[] badContinuation = {'[', '"', (byte) 0xC3, 'x', '"', ']'};
        assertTrue(corrupt(badContinuation).getMessage().contains("offset 2"));
        byte[] utf16 = {0, '[', 0, ']'};
        corrupt(utf16);
        byte[] nul = {'[', '1', 0, ']'};
        assertTrue(corrupt(nul).getMessage().contains("offset 2"));
        // Valid multi-byte UTF-8 of every length.
        assertEquals("\u00e9\u20ac\uD83D\uDE00", parse("\"\u00e9\u20ac\uD83D\uDE00\""));
    }

    @Test
    void hugeExponentIsRefusedFast() {
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            for (String json : List.of("1e999999999", "-1e999999999", "1e-999999999", "[1.5E+999999999]",
                    "1e99999999999999999999999999", "0.1e-1000000", "1e1000001", "12e1000000",
                    "0e999999999")) {
                LimitExceededException e = tooBig(json, DEFAULTS);
                assertTrue(e.getMessage().contains("maxNumberExponent"), e.getMessage());
            }
        });
        // At the bound: accepted, and written without expanding.
        assertEquals("1e+1000000", CanonicalJson.toString(parse("1e1000000")));
        assertEquals("1e-1000000", CanonicalJson.toString(parse("1e-1000000")));
        assertEquals("1e-1000000", CanonicalJson.toString(parse("0.01e-999998")));
        assertEquals("1e+1000000", CanonicalJson.toString(parse("100e999998")));
        assertEquals("1.2e+1000000", CanonicalJson.toString(parse("12e999999")));
        tooBig("1e11", DEFAULTS.withMaxNumberExponent(10));
        assertEquals("10000000000", CanonicalJson.toString(CanonicalJson.parse(
                "1e10".getBytes(StandardCharsets.UTF_8), DEFAULTS.withMaxNumberExponent(10))));
    }

    @Test
    void nestingDeeperThanTheLimitIsRefused() {
        String ok = "[".repeat(1000) + "]".repeat(1000);
        assertEquals(ok, CanonicalJson.toString(parse(ok)));
        tooBig("[".repeat(1001) + "]".repeat(1001), DEFAULTS);
        tooBig("{\"a\":".repeat(1001) + "1" + "}".repeat(1001), DEFAULTS);
        // Unbalanced and hostile: still a limit, not a stack overflow.
        tooBig("[".repeat(100_000), DEFAULTS);
        Limits shallow = DEFAULTS.withMaxJsonDepth(3);
        assertEquals(List.of(List.of(List.of())), CanonicalJson.parse("[[[]]]".getBytes(StandardCharsets.UTF_8), shallow));
        tooBig("[[[[]]]]", shallow);
        // A raised limit parses deep input iteratively.
        Limits deep = DEFAULTS.withMaxJsonDepth(200_000);
        String veryDeep = "[".repeat(100_000) + "]".repeat(100_000);
        assertInstanceOf(List.class, CanonicalJson.parse(veryDeep.getBytes(StandardCharsets.UTF_8), deep));
    }

    @Test
    void numberLiteralsLongerThanTheLimitAreRefused() {
        // An integer of 995 to 1,000 digits fits the limit, but its canonical form (1.11...1e+999) does not.
        assertInstanceOf(BigInteger.class, parse("1".repeat(994)));
        tooBig("1".repeat(995), DEFAULTS);
        tooBig("1".repeat(1000), DEFAULTS);
        assertInstanceOf(BigDecimal.class, parse("1." + "1".repeat(998)));
        assertInstanceOf(BigDecimal.class, parse("-1." + "1".repeat(997)));
        tooBig("1".repeat(1001), DEFAULTS);
        tooBig("-" + "1".repeat(1000), DEFAULTS);
        tooBig("1." + "1".repeat(999), DEFAULTS);
        tooBig("[0." + "0".repeat(1200) + "1]", DEFAULTS);
        tooBig("123456", DEFAULTS.withMaxNumberLength(5));
        assertEquals(12345, CanonicalJson.parse("12345".getBytes(StandardCharsets.UTF_8), DEFAULTS.withMaxNumberLength(5)));
    }

    @Test
    void inputSizeIsCheckedFirst() {
        LimitExceededException e = tooBig("[1,2,3]", DEFAULTS.withMaxStateBytes(6));
        assertTrue(e.getMessage().contains("maxStateBytes"), e.getMessage());
        // Checked before anything else: garbage over the limit is a limit, not corruption.
        tooBig("\u00ff\u00ff\u00ff\u00ff", DEFAULTS.withMaxStateBytes(4));
        assertEquals(List.of(1, 2, 3), CanonicalJson.parse("[1,2,3]".getBytes(StandardCharsets.UTF_8),
                DEFAULTS.withMaxStateBytes(7)));
    }

    @Test
    void longStringsAndNamesAreNotLimitedByJacksonDefaults() {
        String longName = "n".repeat(60_000);
        Map<?, ?> m = (Map<?, ?>) parse("{\"" + longName + "\":1}");
        assertTrue(m.containsKey(longName));
        String longValue = "v".repeat(21_000_000);
        assertEquals(longValue.length(), ((String) parse("\"" + longValue + "\"")).length());
    }

    @Test
    void onlyDeltaExceptionsEscape() {
        java.util.Random random = new java.util.Random(12345);
        byte[] seed = "{\"a\":[1,2.5,\"x\\u00e9\",{\"b\":null}],\"c\":true}".getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 5000; i++) {
            byte[] mutated = seed.clone();
            int edits = 1 + random.nextInt(3);
            for (int k = 0; k < edits; k++) {
                mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
            }
            try {
                CanonicalJson.parse(mutated, DEFAULTS);
            } catch (DeltaException expected) {
                // fine
            } catch (RuntimeException e) {
                throw new AssertionError("non-Delta exception for input " + new String(mutated,
                        StandardCharsets.ISO_8859_1) + " (seed 12345, iteration " + i + ")", e);
            }
        }
    }
}
