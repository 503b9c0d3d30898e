package io.deltachain.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.FloatNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;
import com.fasterxml.jackson.databind.node.ShortNode;
import io.deltachain.api.InvalidStateException;
import io.deltachain.api.Limits;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden vectors for canonical JSON. These strings are frozen into hashes: a change here is a
 * format change.
 */
class CanonicalJsonGoldenTest {

    private static String canon(String json) {
        return CanonicalJson.toString(CanonicalJson.parse(json.getBytes(StandardCharsets.UTF_8), Limits.defaults()));
    }

    /** (JSON text, canonical text). */
    static Stream<Arguments> textVectors() {
        return Stream.of(
                // layout and member order
                Arguments.of(" { \"b\" : 1 ,\n\t\"a\" : [ 1 , 2 ] }\r\n", "{\"a\":[1,2],\"b\":1}"),
                Arguments.of("{\"b\":2,\"a\":1}", "{\"a\":1,\"b\":2}"),
                Arguments.of("{\"b\":1,\"ab\":2,\"aa\":3,\"a\":4,\"B\":5,\"\":6}",
                        "{\"\":6,\"B\":5,\"a\":4,\"aa\":3,\"ab\":2,\"b\":1}"),
                // UTF-16 code unit order: U+1F600 is D83D DE00, before U+FFFF (code point order is the reverse)
                Arguments.of("{\"\\uFFFF\":1,\"\\uD83D\\uDE00\":2}", "{\"\uD83D\uDE00\":2,\"\uFFFF\":1}"),
                Arguments.of("{\"\\uFFFF\":1,\"\\u00e9\":2,\"\\uD83D\\uDE00\":3,\"z\":4}",
                        "{\"z\":4,\"\u00e9\":2,\"\uD83D\uDE00\":3,\"\uFFFF\":1}"),
                Arguments.of("{\"c\":{\"z\":[{\"y\":1,\"x\":2}],\"a\":{}},\"a\":[]}",
                        "{\"a\":[],\"c\":{\"a\":{},\"z\":[{\"x\":2,\"y\":1}]}}"),
                Arguments.of("[ ]", "[]"),
                Arguments.of("{ }", "{}"),
                Arguments.of("[true,false,null]", "[true,false,null]"),
                // strings
                Arguments.of("\"\\\" \\\\ \\/ \\b \\t \\n \\f \\r\"", "\"\\\" \\\\ / \\b \\t \\n \\f \\r\""),
                Arguments.of("\"\\u0000\\u0001\\u001f\\u000B\\u001E\"", "\"\\u0000\\u0001\\u001f\\u000b\\u001e\""),
                Arguments.of("\"\\u0008\\u0009\\u000a\\u000C\\u000d\\u0022\\u005c\\u002F\"",
                        "\"\\b\\t\\n\\f\\r\\\"\\\\/\""),
                Arguments.of("\"\\u007f\"", "\"\u007f\""),
                Arguments.of("\"\\u2028\\u2029\"", "\"\u2028\u2029\""),
                Arguments.of("\"\\u00e9\\u20ac\\uD83D\\uDE00\"", "\"\u00e9\u20ac\uD83D\uDE00\""),
                Arguments.of("\"\u00e9\u20ac\uD83D\uDE00 <>&'\"", "\"\u00e9\u20ac\uD83D\uDE00 <>&'\""),
                Arguments.of("\"\\uFEFF\\uFFFF\"", "\"\uFEFF\uFFFF\""),
                // numbers: integers
                Arguments.of("1", "1"),
                Arguments.of("1.0", "1"),
                Arguments.of("1e0", "1"),
                Arguments.of("1E0", "1"),
                Arguments.of("1e+0", "1"),
                Arguments.of("10e-1", "1"),
                Arguments.of("100", "100"),
                Arguments.of("1e2", "100"),
                Arguments.of("100.000", "100"),
                Arguments.of("-0", "0"),
                Arguments.of("-0.0", "0"),
                Arguments.of("0.000", "0"),
                Arguments.of("-0e10", "0"),
                Arguments.of("0e-7", "0"),
                Arguments.of("-1", "-1"),
                Arguments.of("9007199254740993", "9007199254740993"),
                Arguments.of("-9007199254740993", "-9007199254740993"),
                Arguments.of("9223372036854775807", "9223372036854775807"),
                Arguments.of("-9223372036854775808", "-9223372036854775808"),
                Arguments.of("18446744073709551616", "18446744073709551616"),
                Arguments.of("999999999999999999999", "999999999999999999999"),
                Arguments.of("123456789012345678901234567890", "1.2345678901234567890123456789e+29"),
                Arguments.of("-123456789012345678901234567890", "-1.2345678901234567890123456789e+29"),
                // numbers: ECMAScript layout boundaries
                Arguments.of("1e20", "100000000000000000000"),
                Arguments.of("1e21", "1e+21"),
                Arguments.of("1000000000000000000000", "1e+21"),
                Arguments.of("1.5e21", "1.5e+21"),
                Arguments.of("123456789012345678901.5", "123456789012345678901.5"),
                Arguments.of("1000000000000000000000.5", "1.0000000000000000000005e+21"),
                Arguments.of("0.10", "0.1"),
                Arguments.of("1.5", "1.5"),
                Arguments.of("-1.50", "-1.5"),
                Arguments.of("123.456e3", "123456"),
                Arguments.of("123.456e1", "1234.56"),
                Arguments.of("1e-6", "0.000001"),
                Arguments.of("0.000001", "0.000001"),
                Arguments.of("0.0000015", "0.0000015"),
                Arguments.of("1.23e-5", "0.0000123"),
                Arguments.of("1e-7", "1e-7"),
                Arguments.of("0.0000001", "1e-7"),
                Arguments.of("0.00000015", "1.5e-7"),
                Arguments.of("-1.5e-7", "-1.5e-7"),
                Arguments.of("1e400", "1e+400"),
                Arguments.of("-1e400", "-1e+400"),
                Arguments.of("1.5E300", "1.5e+300"),
                Arguments.of("1e-400", "1e-400"),
                Arguments.of("12.34e-1000", "1.234e-999"),
                Arguments.of("1e1000000", "1e+1000000"),
                Arguments.of("0.30000000000000000000000000000000001", "0.30000000000000000000000000000000001"),
                Arguments.of("0.1e1", "1"),
                Arguments.of("[1,1.0,1e0,-0,0.10]", "[1,1,1,0,0.1]"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("textVectors")
    void parsedTextWritesGoldenVector(String json, String expected) {
        assertEquals(expected, canon(json));
        // Canonical text is a fixed point.
        assertEquals(expected, canon(expected));
    }

    /** (Java value, canonical text). */
    static Stream<Arguments> javaVectors() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("z", List.of(1, "x"));
        nested.put("a", Map.of("k", true));
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("d", 0.1d);
        node.put("f", 0.1f);
        node.set("dec", DecimalNode.valueOf(new BigDecimal("1.00")));
        node.set("big", BigIntegerNode.valueOf(BigInteger.TEN.pow(21)));
        node.put("i", 7);
        node.put("l", 9007199254740993L);
        node.set("s", ShortNode.valueOf((short) -3));
        node.put("b", false);
        node.putNull("n");
        node.put("t", "\u2028\"");
        node.putArray("a").add(1.5e300).add("x").addObject().put("y", 1);
        Map<String, Object> withNode = new TreeMap<>();
        withNode.put("node", JsonNodeFactory.instance.arrayNode().add(DoubleNode.valueOf(-0.0)).add(FloatNode.valueOf(1e-7f)));
        withNode.put("list", new ArrayList<>(List.of(1)));
        return Stream.of(
                Arguments.of(null, "null"),
                Arguments.of(true, "true"),
                Arguments.of(false, "false"),
                Arguments.of("", "\"\""),
                Arguments.of("\u0000\u001f\u007f\u0080\u2028\uFFFF\uD83D\uDE00\\\"/",
                        "\"\\u0000\\u001f\u007f\u0080\u2028\uFFFF\uD83D\uDE00\\\\\\\"/\""),
                // doubles: shortest decimal that reads back
                Arguments.of(0.1, "0.1"),
                Arguments.of(-0.1, "-0.1"),
                Arguments.of(1.0 / 3, "0.3333333333333333"),
                Arguments.of(2.0 / 3, "0.6666666666666666"),
                Arguments.of(0.1 + 0.2, "0.30000000000000004"),
                Arguments.of(1.0, "1"),
                Arguments.of(100.0, "100"),
                Arguments.of(1e21, "1e+21"),
                Arguments.of(1e20, "100000000000000000000"),
                Arguments.of(1e-6, "0.000001"),
                Arguments.of(1e-7, "1e-7"),
                Arguments.of(123e-20, "1.23e-18"),
                Arguments.of(5e-324, "5e-324"),
                Arguments.of(Math.scalb(1.0, -1074), "5e-324"),
                Arguments.of(Double.MIN_NORMAL, "2.2250738585072014e-308"),
                Arguments.of(Double.MAX_VALUE, "1.7976931348623157e+308"),
                Arguments.of(-Double.MAX_VALUE, "-1.7976931348623157e+308"),
                // 1e23 is really 99999999999999991611392: the shortest is the CEILING neighbour "1e+23"
                Arguments.of(1e23, "1e+23"),
                Arguments.of(9.007199254740993E15, "9007199254740992"),
                Arguments.of(Math.scalb(1.0, 63), "9223372036854776000"),
                Arguments.of(2e-3, "0.002"),
                Arguments.of(1.0E-5, "0.00001"),
                // exactly halfway between two 17-digit decimals: the one with the even last digit
                Arguments.of(1 + Math.scalb(1.0, -17), "1.0000076293945312"),
                Arguments.of(-0.0, "0"),
                Arguments.of(0.0, "0"),
                // floats: shortest decimal that reads back as the same float
                Arguments.of(0.1f, "0.1"),
                Arguments.of(1f / 3, "0.33333334"),
                Arguments.of(16777216f, "16777216"),
                Arguments.of(1e10f, "10000000000"),
                Arguments.of(Float.MAX_VALUE, "3.4028235e+38"),
                Arguments.of(Float.MIN_VALUE, "1e-45"),
                Arguments.of(-0.0f, "0"),
                // integers
                Arguments.of(1, "1"),
                Arguments.of(-2147483648, "-2147483648"),
                Arguments.of(9007199254740993L, "9007199254740993"),
                Arguments.of(Long.MAX_VALUE, "9223372036854775807"),
                Arguments.of(Long.MIN_VALUE, "-9223372036854775808"),
                Arguments.of((short) -7, "-7"),
                Arguments.of((byte) 127, "127"),
                Arguments.of(new AtomicInteger(42), "42"),
                Arguments.of(new AtomicLong(-42), "-42"),
                Arguments.of(BigInteger.TWO.pow(64), "18446744073709551616"),
                Arguments.of(BigInteger.TEN.pow(20), "100000000000000000000"),
                Arguments.of(BigInteger.TEN.pow(21), "1e+21"),
                Arguments.of(BigInteger.ZERO, "0"),
                // BigDecimal: exact
                Arguments.of(new BigDecimal("1.00"), "1"),
                Arguments.of(new BigDecimal("-0.0"), "0"),
                Arguments.of(new BigDecimal("0E+5"), "0"),
                Arguments.of(new BigDecimal("0.10"), "0.1"),
                Arguments.of(new BigDecimal("1E+400"), "1e+400"),
                Arguments.of(new BigDecimal("0.1000000000000000055511151231257827021181583404541015625"),
                        "0.1000000000000000055511151231257827021181583404541015625"),
                Arguments.of(new BigDecimal(BigInteger.ONE, -1_000_000_000), "1e+1000000000"),
                Arguments.of(new BigDecimal(BigInteger.valueOf(-25), 1_000_000_000), "-2.5e-999999999"),
                // containers
                Arguments.of(List.of(), "[]"),
                Arguments.of(Map.of(), "{}"),
                Arguments.of(new Object[] {1, "a", null}, "[1,\"a\",null]"),
                Arguments.of(Set.of("only"), "[\"only\"]"),
                Arguments.of(Arrays.asList(1.0, 1L, new BigDecimal("1e0")), "[1,1,1]"),
                Arguments.of(nested, "{\"a\":{\"k\":true},\"z\":[1,\"x\"]}"),
                Arguments.of(node, "{\"a\":[1.5e+300,\"x\",{\"y\":1}],\"b\":false,\"big\":1e+21,\"d\":0.1,"
                        + "\"dec\":1,\"f\":0.1,\"i\":7,\"l\":9007199254740993,\"n\":null,\"s\":-3,\"t\":\"\u2028\\\"\"}"),
                Arguments.of(withNode, "{\"list\":[1],\"node\":[0,1e-7]}"));
    }

    @ParameterizedTest(name = "{index}: {1}")
    @MethodSource("javaVectors")
    void javaValueWritesGoldenVector(Object value, String expected) {
        assertEquals(expected, CanonicalJson.toString(value));
        assertTrue(Arrays.equals(expected.getBytes(StandardCharsets.UTF_8), CanonicalJson.write(value)));
    }

    // ---- refusals on write -------------------------------------------------------------------

    private static InvalidStateException refused(Object value) {
        return assertThrows(InvalidStateException.class, () -> CanonicalJson.write(value));
    }

    private static Map<String, Object> at(String key, Object value) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(key, value);
        return m;
    }

    @Test
    void nanAndInfinitiesAreRefusedWithTheirPath() {
        for (Object bad : List.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Float.NaN,
                Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, DoubleNode.valueOf(Double.NaN),
                FloatNode.valueOf(Float.NEGATIVE_INFINITY))) {
            InvalidStateException e = refused(at("a", List.of(0, bad)));
            assertTrue(e.getMessage().contains("/a/1"), e.getMessage());
        }
        assertTrue(refused(Double.NaN).getMessage().contains("root"));
    }

    @Test
    void loneSurrogatesAreRefusedInValuesAndNames() {
        for (String bad : List.of("\uD800", "a\uDBFF", "\uDC00b", "\uDE00\uD83D", "x\uD83Dy")) {
            InvalidStateException e = refused(at("k", List.of("ok", bad)));
            assertTrue(e.getMessage().contains("/k/1"), e.getMessage());
            InvalidStateException n = refused(at("k", at(bad, 1)));
            assertTrue(n.getMessage().contains("member name"), n.getMessage());
            assertTrue(n.getMessage().contains("/k/" + bad), n.getMessage());
        }
    }

    @Test
    void pathsUseJsonPointerEscaping() {
        InvalidStateException e = refused(at("a/b", at("m~n", List.of(new Object()))));
        assertTrue(e.getMessage().contains("/a~1b/m~0n/0"), e.getMessage());
    }

    @Test
    void unsupportedTypesAreRefusedNamingTypeAndPath() {
        record Custom(int x) {
        }
        List<Object> bad = List.of(new Date(0), Optional.of(1), Optional.empty(), new Custom(1), new int[] {1},
                'c', new LongAdder(), new StringBuilder("s"), MissingNode.getInstance(), new POJONode(new Object()),
                BinaryNode.valueOf(new byte[] {1}));
        for (Object value : bad) {
            InvalidStateException e = refused(at("x", at("y", List.of(1, value))));
            assertTrue(e.getMessage().contains("/x/y/1"), e.getMessage());
            assertTrue(e.getMessage().contains("type"), e.getMessage());
        }
        assertTrue(refused(new Date(0)).getMessage().contains("java.util.Date"));
        assertTrue(refused(new Custom(2)).getMessage().contains("Map, List, String, Number, Boolean or null"));
    }

    @Test
    void mapKeysMustBeStrings() {
        Map<Object, Object> intKey = new LinkedHashMap<>();
        intKey.put(1, "one");
        InvalidStateException e = refused(at("outer", intKey));
        assertTrue(e.getMessage().contains("/outer"), e.getMessage());
        assertTrue(e.getMessage().contains("java.lang.Integer"), e.getMessage());
        Map<Object, Object> nullKey = new java.util.HashMap<>();
        nullKey.put(null, 1);
        refused(nullKey);
    }

    @Test
    void identityMapWithEqualNamesIsRefused() {
        Map<String, Object> m = new IdentityHashMap<>();
        m.put(new String("k"), 1);
        m.put(new String("k"), 2);
        assertTrue(refused(m).getMessage().contains("duplicate"));
    }

    @Test
    void cyclesAreRefusedWithoutStackOverflow() {
        Map<String, Object> self = new LinkedHashMap<>();
        self.put("me", self);
        InvalidStateException e = refused(self);
        assertTrue(e.getMessage().contains("/me/me/me"), e.getMessage());
        List<Object> list = new ArrayList<>();
        list.add(list);
        refused(list);
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        JsonNode deep = n;
        for (int i = 0; i < 1000; i++) {
            deep = ((ObjectNode) deep).putObject("d");
        }
        refused(n);
    }

    @Test
    void depthIsCappedAtTheDefaultLimit() {
        Object ok = null;
        for (int i = 0; i < Limits.DEFAULT_MAX_JSON_DEPTH; i++) {
            ok = List.of(ok == null ? 1 : ok);
        }
        assertEquals(2 * Limits.DEFAULT_MAX_JSON_DEPTH + 1, CanonicalJson.write(ok).length);
        refused(List.of(ok));
    }
}
