package io.deltachain.strategy.dict;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.deltachain.api.Limit;
import io.deltachain.api.LimitExceededException;
import io.deltachain.api.Limits;
import io.deltachain.json.CanonicalJson;
import io.deltachain.json.JsonFormats;
import io.deltachain.json.JsonValues;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A state at the depth limit diffs and applies as OLD and as NEW; a patch that would build deeper is a named refusal. */
class DictDepthTest {
    private final DictStrategy dict = new DictStrategy();

    /** @return an object {@code depth} containers deep, with {@code leaf} innermost */
    private static String nested(int depth, String leaf) {
        return "{\"a\":".repeat(depth - 1) + "{\"x\":" + leaf + "}" + "}".repeat(depth - 1);
    }

    private static Map<String, Object> read(String json, Limits limits) {
        return JsonFormats.map().fromBytes(json.getBytes(StandardCharsets.UTF_8), limits);
    }

    @Test
    void oneBelowAtAndAboveTheLimitBehaveAlikeAsOldAndAsNew() {
        for (int limit : new int[] {Limits.DEFAULT_MAX_JSON_DEPTH, 40}) {
            Limits limits = Limits.defaults().withMaxJsonDepth(limit);
            Map<String, Object> empty = read("{}", limits);
            for (int depth = limit - 1; depth <= limit; depth++) {
                Map<String, Object> deep = read(nested(depth, "1"), limits);
                Map<String, Object> changed = read(nested(depth, "2"), limits);
                String context = "depth " + depth + " limit " + limit;
                assertEquals(deep, dict.apply(empty, dict.diff(empty, deep), limits), "as NEW, " + context);
                assertEquals(empty, dict.apply(deep, dict.diff(deep, empty), limits), "as OLD, " + context);
                assertEquals(changed, dict.apply(deep, dict.diff(deep, changed), limits), "changed deep, " + context);
                assertArrayEquals(CanonicalJson.write(changed), JsonFormats.map().toBytes(
                        dict.apply(deep, dict.diff(deep, changed), limits)), context);
            }
            LimitExceededException e = assertThrows(LimitExceededException.class,
                    () -> read(nested(limit + 1, "1"), limits));
            assertEquals(Limit.JSON_DEPTH, e.limit());
        }
    }

    @Test
    void aPayloadThatWouldBuildAStateDeeperThanTheLimitIsRefusedNamingTheLimit() {
        Limits limits = Limits.defaults().withMaxJsonDepth(40);
        Map<String, Object> empty = read("{}", limits);
        // Sets a value of depth 39 in the top-level object: 40 levels, the most.
        byte[] atLimit = ("{\"set\":{\"k\":" + nested(39, "1") + "},\"v\":1}").getBytes(StandardCharsets.UTF_8);
        Map<String, Object> deepest = dict.apply(empty, atLimit, limits);
        JsonValues.checkDepth(deepest, 0, limits, "the result"); // 40 levels: within the limit
        assertThrows(LimitExceededException.class, () -> JsonValues.checkDepth(deepest, 1, limits, "one level more"));
        byte[] deeper = ("{\"set\":{\"k\":" + nested(40, "1") + "},\"v\":1}").getBytes(StandardCharsets.UTF_8);
        LimitExceededException e = assertThrows(LimitExceededException.class, () -> dict.apply(empty, deeper, limits));
        assertEquals(Limit.JSON_DEPTH, e.limit());
        assertEquals(41, e.actual());
        // The same inside a nested patch: one level more for each.
        Map<String, Object> base = read("{\"k\":{}}", limits);
        byte[] nestedDeeper = ("{\"nested\":{\"k\":{\"set\":{\"j\":" + nested(39, "1") + "}}},\"v\":1}")
                .getBytes(StandardCharsets.UTF_8);
        assertEquals(Limit.JSON_DEPTH, assertThrows(LimitExceededException.class,
                () -> dict.apply(base, nestedDeeper, limits)).limit());
    }
}
