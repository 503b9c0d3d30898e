package io.deltachain.tests.properties;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import io.deltachain.core.DeltaCompressor;
import io.deltachain.core.DeltaRecord;
import io.deltachain.json.CanonicalJson;
import io.deltachain.json.JsonFormats;
import io.deltachain.json.JsonValues;
import io.deltachain.api.DeltaRegistry;
import io.deltachain.spi.DeltaStrategy;
import io.deltachain.spi.StateFormat;
import io.deltachain.api.StateFormats;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * For every strategy and codec available: {@code apply(a, diff(a, b))} equals {@code b} by JSON
 * semantics, also after the record went through its wire and JSON forms and when applied by another
 * compressor of the same format. QuickTheories prints the seed of a failure; rerun it with
 * {@code -DQT_SEED=N}.
 */
class RoundTripPropertiesTest {
    static final int EXAMPLES = 120;
    static final DeltaRegistry REGISTRY = DeltaRegistry.load();

    /** Every strategy that serves {@code format}, plus core's {@code none} and {@code auto}. */
    static List<String> strategiesFor(StateFormat<?> format) {
        TreeSet<String> ids = new TreeSet<>();
        for (DeltaStrategy<?> s : REGISTRY.strategiesFor(format)) {
            ids.add(s.id());
        }
        ids.add(DeltaCompressor.NONE);
        ids.add(DeltaCompressor.AUTO);
        return new ArrayList<>(ids);
    }

    /** identity, gzip at its lowest, default and highest levels, zstd at a fast (negative) and a high level. */
    static List<Object[]> codecs() {
        return List.of(new Object[] {"identity", 0}, new Object[] {"gzip", 1}, new Object[] {"gzip", 6},
                new Object[] {"gzip", 9}, new Object[] {"zstd", -7}, new Object[] {"zstd", 19});
    }

    static Stream<Arguments> combinations(StateFormat<?> format) {
        List<Arguments> out = new ArrayList<>();
        for (String strategy : strategiesFor(format)) {
            for (Object[] codec : codecs()) {
                out.add(Arguments.of(strategy, codec[0], codec[1]));
            }
        }
        return out.stream();
    }

    static Stream<Arguments> mapCombinations() {
        return combinations(JsonFormats.map());
    }

    /** The same pairs as 7-bit bytes, so valid UTF-8. */
    private static byte[][] ascii(byte[][] pair) {
        byte[][] out = new byte[2][];
        for (int k = 0; k < 2; k++) {
            out[k] = pair[k].clone();
            for (int i = 0; i < out[k].length; i++) {
                out[k][i] &= 0x7F;
            }
        }
        return out;
    }

    static Stream<Arguments> byteCombinations() {
        return combinations(StateFormats.bytes());
    }

    @Test
    void theStrategiesUnderTestAreTheExpectedOnes() {
        assertTrue(strategiesFor(JsonFormats.map()).containsAll(List.of("append-only", "auto", "dict", "none")),
                strategiesFor(JsonFormats.map())::toString);
        assertTrue(strategiesFor(StateFormats.bytes()).containsAll(List.of("append-only", "auto", "none")),
                strategiesFor(StateFormats.bytes())::toString);
        assertTrue(!strategiesFor(StateFormats.bytes()).contains("dict"), "dict works on json-map only");
        assertTrue(strategiesFor(StateFormats.bytes()).containsAll(List.of("bsdiff", "zstd-patch")),
                strategiesFor(StateFormats.bytes())::toString);
    }

    @ParameterizedTest(name = "{0} with {1}:{2} on json-map")
    @MethodSource("mapCombinations")
    void mapRoundTrip(String strategy, String codec, int level) {
        DeltaCompressor<Map<String, Object>> c = DeltaCompressor.builder(JsonFormats.map()).registry(REGISTRY)
                .strategy(strategy).codec(codec).level(level).build();
        DeltaCompressor<Map<String, Object>> other = DeltaCompressor.builder(JsonFormats.map()).registry(REGISTRY)
                .strategy("none").build();
        qt().withExamples(EXAMPLES).forAll(Generators.mapPairs()).checkAssert(pair -> {
            Map<String, Object> a = pair.get(0);
            Map<String, Object> b = pair.get(1);
            String aText = CanonicalJson.toString(a);
            DeltaRecord r = c.diff(a, b);
            assertNotEquals("auto", r.strategyId());
            if (!strategy.equals("auto")) {
                assertEquals(strategy, r.strategyId());
            }
            assertEquals(codec, r.codecId());
            assertEquals(level, r.codecLevel());
            assertEquals(JsonValues.equal(a, b), r.isEmpty(), "isEmpty iff a and b mean the same");
            assertJsonEquals(b, c.apply(a, r), "direct");
            DeltaRecord viaWire = DeltaRecord.fromBytes(r.toBytes());
            assertEquals(r, viaWire, "wire form");
            assertJsonEquals(b, c.apply(a, viaWire), "through the wire form");
            DeltaRecord viaJson = DeltaRecord.fromJson(r.toJson());
            assertEquals(r, viaJson, "JSON form");
            assertJsonEquals(b, c.apply(a, viaJson), "through the JSON form");
            assertJsonEquals(b, other.apply(a, viaWire), "applied by another compressor");
            assertEquals(aText, CanonicalJson.toString(a), "diff and apply leave the base alone");
        });
    }

    @ParameterizedTest(name = "{0} with {1}:{2} on bytes")
    @MethodSource("byteCombinations")
    void bytesRoundTrip(String strategy, String codec, int level) {
        DeltaCompressor<byte[]> c = DeltaCompressor.builder(StateFormats.bytes()).registry(REGISTRY)
                .strategy(strategy).codec(codec).level(level).build();
        // text serves bytes that are valid UTF-8 and declines others (TextOnBytes' own tests check the refusal)
        qt().withExamples(EXAMPLES).forAll(strategy.equals("text") ? Generators.bytePairs().map(RoundTripPropertiesTest::ascii)
                : Generators.bytePairs()).checkAssert(pair -> {
            byte[] a = pair[0];
            byte[] b = pair[1];
            byte[] aCopy = a.clone();
            DeltaRecord r = c.diff(a, b);
            assertNotEquals("auto", r.strategyId());
            assertArrayEquals(b, c.apply(a, r), "direct");
            DeltaRecord viaWire = DeltaRecord.fromBytes(r.toBytes());
            assertEquals(r, viaWire);
            assertArrayEquals(b, c.apply(a, viaWire), "through the wire form");
            DeltaRecord viaJson = DeltaRecord.fromJson(r.toJson());
            assertEquals(r, viaJson);
            assertArrayEquals(b, c.apply(a, viaJson), "through the JSON form");
            assertArrayEquals(aCopy, a, "the base is left alone");
        });
    }

    static void assertJsonEquals(Object expected, Object actual, String message) {
        assertTrue(JsonValues.equal(expected, actual), () -> message + ": expected " + CanonicalJson.toString(expected)
                + " but was " + CanonicalJson.toString(actual));
    }
}
