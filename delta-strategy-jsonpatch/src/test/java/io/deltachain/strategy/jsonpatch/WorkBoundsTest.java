package io.deltachain.strategy.jsonpatch;

import static io.deltachain.strategy.jsonpatch.Rfc6902ConformanceTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.deltachain.api.Limit;
import io.deltachain.api.LimitExceededException;
import io.deltachain.api.Limits;
import io.deltachain.spi.NativeFormat;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * Operations that each cost up to the document's size (an insert or removal in a large array, a move
 * of a large subtree to a deeper place, which is walked for its depth) are charged against a work
 * bound, so that a small patch of many cannot run for minutes (the breaker's 340 KB patch of
 * {@code remove /a/0} ran 93 s on a 10<sup>6</sup>-element array); edits in the order a patch makes
 * them cost little and apply.
 */
class WorkBoundsTest {
    private static final NativeFormat<JsonNode> RFC6902 = new JsonPatchStrategy().nativeFormat().orElseThrow();

    private static byte[] patch(int n, IntFunction<String> op) {
        StringBuilder patch = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            patch.append(i == 0 ? "" : ",").append(op.apply(i));
        }
        return patch.append(']').toString().getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode array(int n, String element) {
        StringBuilder doc = new StringBuilder("{\"a\":[");
        for (int i = 0; i < n; i++) {
            doc.append(i == 0 ? "" : ",").append(element);
        }
        return json(doc.append("],\"b\":{}}").toString());
    }

    @Test
    void removalsAndInsertsAtTheFrontOfALargeArrayApply() {
        JsonNode doc = array(1_000_000, "1");
        byte[] patch = patch(20_000, i -> i % 2 == 0 ? "{\"op\":\"remove\",\"path\":\"/a/0\"}"
                : "{\"op\":\"add\",\"path\":\"/a/0\",\"value\":" + i + "}");
        JsonNode result = RFC6902.apply(doc, patch, Limits.defaults());
        assertEquals(1_000_000, result.get("a").size());
        assertEquals(19_999, result.get("a").get(0).intValue());
        assertEquals(1, result.get("a").get(1).intValue());
    }

    @Test
    void editsAlternatingBetweenTheEndsOfALargeArrayAreRefused() {
        JsonNode doc = array(1_000_000, "1");
        byte[] patch = patch(10_000, i -> "{\"op\":\"remove\",\"path\":\"/a/" + (i % 2 == 0 ? "0" : "900000") + "\"}");
        LimitExceededException e = assertThrows(LimitExceededException.class,
                () -> RFC6902.apply(doc, patch, Limits.defaults()));
        assertEquals(Limit.EXPANSION_RATIO, e.limit());
        assertTrue(e.getMessage().contains("units of work"), e.getMessage());
        // fewer such edits apply, and the bound moves with the expansion ratio
        byte[] fewer = patch(100, i -> "{\"op\":\"remove\",\"path\":\"/a/" + (i % 2 == 0 ? "0" : "900000") + "\"}");
        assertThrows(LimitExceededException.class,
                () -> RFC6902.apply(doc, fewer, Limits.defaults().withMaxExpansionRatio(1)));
        JsonNode result = RFC6902.apply(doc, fewer, Limits.defaults());
        assertEquals(999_900, result.get("a").size());
    }

    @Test
    void movesOfALargeSubtreeToADeeperPlaceAreRefused() {
        JsonNode doc = array(200_000, "[1]");
        IntFunction<String> deeperAndBack = i -> i % 2 == 0 ? "{\"op\":\"move\",\"from\":\"/a\",\"path\":\"/b/x\"}"
                : "{\"op\":\"move\",\"from\":\"/b/x\",\"path\":\"/a\"}";
        byte[] patch = patch(2_000, deeperAndBack);
        LimitExceededException e = assertThrows(LimitExceededException.class,
                () -> RFC6902.apply(doc, patch, Limits.defaults()));
        assertEquals(Limit.EXPANSION_RATIO, e.limit());
        assertTrue(e.getMessage().startsWith("JSON Patch operation "), e.getMessage());
        // a few such moves are fine
        JsonNode moved = RFC6902.apply(doc, patch(3, deeperAndBack), Limits.defaults());
        assertEquals(200_000, moved.get("b").get("x").size());
    }

    /** Names made of "Aa" and "BB" share one {@code String.hashCode}: {@code count} of them, {@code pairs} long. */
    static List<String> colliding(int pairs, int count) {
        List<String> names = new java.util.ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            StringBuilder b = new StringBuilder();
            for (int bit = pairs - 1; bit >= 0; bit--) {
                b.append((i >> bit & 1) == 0 ? "Aa" : "BB");
            }
            names.add(b.toString());
        }
        return names;
    }

    /** Breaker, 2026-12-03: the last member removed and added back, over and over (45 s; 11 s for 20 pairs of colliding names). */
    @Test
    void removingAndAddingBackTheLastMemberOfALargeObjectOfCollidingNamesApplies() {
        List<String> names = colliding(15, 32_767);
        StringBuilder doc = new StringBuilder("{");
        for (int i = 0; i < names.size(); i++) {
            doc.append(i == 0 ? "" : ",").append('"').append(names.get(i)).append("\":").append(i);
        }
        String last = names.get(names.size() - 1);
        byte[] patch = patch(10_000, i -> i % 2 == 0 ? "{\"op\":\"remove\",\"path\":\"/" + last + "\"}"
                : "{\"op\":\"add\",\"path\":\"/" + last + "\",\"value\":" + i + "}");
        JsonNode result = RFC6902.apply(json(doc.append('}').toString()), patch, Limits.defaults());
        assertEquals(32_767, result.size());
        assertEquals(9_999, result.get(last).intValue());
        assertEquals(5, result.get(names.get(5)).intValue());
    }

    /** Breaker, 2026-12-03: moving an array of 10<sup>6</sup> numbers deeper and back walked it, charging nothing for its numbers (248 s). */
    @Test
    void aDepthWalkChargesTheScalarsItStepsOver() {
        JsonNode doc = array(1_000_000, "1");
        byte[] patch = patch(20_000, i -> i % 2 == 0 ? "{\"op\":\"move\",\"from\":\"/a\",\"path\":\"/b/x\"}"
                : "{\"op\":\"move\",\"from\":\"/b/x\",\"path\":\"/a\"}");
        LimitExceededException e = assertThrows(LimitExceededException.class,
                () -> RFC6902.apply(doc, patch, Limits.defaults()));
        assertEquals(Limit.EXPANSION_RATIO, e.limit());
    }

    @Test
    void removingMostMembersOfALargeObjectApplies() {
        StringBuilder doc = new StringBuilder("{");
        for (int i = 0; i < 200_000; i++) {
            doc.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":").append(i);
        }
        byte[] patch = patch(150_000, i -> "{\"op\":\"remove\",\"path\":\"/k" + (2 * i % 200_000 + (i >= 100_000 ? 1 : 0)) + "\"}");
        JsonNode result = RFC6902.apply(json(doc.append('}').toString()), patch, Limits.defaults());
        assertEquals(50_000, result.size());
        assertEquals(199_999, result.get("k199999").intValue());
        assertEquals(100_001, result.properties().iterator().next().getValue().intValue());
    }
}
