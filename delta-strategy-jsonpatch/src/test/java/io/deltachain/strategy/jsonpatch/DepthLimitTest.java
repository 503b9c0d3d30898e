package io.deltachain.strategy.jsonpatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.deltachain.api.Limit;
import io.deltachain.api.LimitExceededException;
import io.deltachain.api.Limits;
import io.deltachain.json.JsonFormats;
import io.deltachain.spi.DeltaStrategy;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A document at the depth limit diffs and applies as OLD and as NEW with {@code json-patch} and
 * {@code merge-patch}; a patch that would build a deeper one is a {@link LimitExceededException}, never a
 * {@code StackOverflowError}.
 */
class DepthLimitTest {
    private static String nested(int depth, String leaf) {
        return "{\"a\":".repeat(depth - 1) + "{\"x\":" + leaf + ",\"n\":null}" + "}".repeat(depth - 1);
    }

    private static JsonNode read(String json, Limits limits) {
        return JsonFormats.node().fromBytes(json.getBytes(StandardCharsets.UTF_8), limits);
    }

    @Test
    void oneBelowAtAndAboveTheLimitBehaveAlikeAsOldAndAsNew() {
        for (DeltaStrategy<JsonNode> strategy : List.of(new JsonPatchStrategy(), new MergePatchStrategy())) {
            for (int limit : new int[] {Limits.DEFAULT_MAX_JSON_DEPTH, 40}) {
                Limits limits = Limits.defaults().withMaxJsonDepth(limit);
                JsonNode empty = read("{}", limits);
                for (int depth = limit - 1; depth <= limit; depth++) {
                    // The null member makes merge-patch wrap its patch, two levels deeper than the state.
                    JsonNode deep = read(nested(depth, "1"), limits);
                    JsonNode changed = read(nested(depth, "[2]").replace("[2]", "2"), limits);
                    String context = strategy.id() + " depth " + depth + " limit " + limit;
                    assertEquals(deep, strategy.apply(empty, strategy.diff(empty, deep), limits), "as NEW, " + context);
                    assertEquals(empty, strategy.apply(deep, strategy.diff(deep, empty), limits), "as OLD, " + context);
                    assertEquals(changed, strategy.apply(deep, strategy.diff(deep, changed), limits), context);
                }
                assertEquals(Limit.JSON_DEPTH, assertThrows(LimitExceededException.class,
                        () -> read(nested(limit + 1, "1"), limits)).limit());
            }
        }
    }

    @Test
    void anOperationThatWouldNestDeeperThanTheLimitIsRefusedNamingTheLimit() {
        Limits limits = Limits.defaults().withMaxJsonDepth(40);
        var rfc6902 = new JsonPatchStrategy().nativeFormat().orElseThrow();
        JsonNode base = read("{\"a\":{}}", limits);
        String value = nested(39, "1");
        assertEquals(base.getClass(), rfc6902.apply(base, ("[{\"op\":\"add\",\"path\":\"/b\",\"value\":" + value
                + "}]").getBytes(StandardCharsets.UTF_8), limits).getClass());
        for (String op : List.of("add", "replace")) {
            byte[] patch = ("[{\"op\":\"" + op + "\",\"path\":\"/a/b\",\"value\":" + value + "}]")
                    .getBytes(StandardCharsets.UTF_8);
            JsonNode target = op.equals("replace") ? read("{\"a\":{\"b\":1}}", limits) : base;
            LimitExceededException e = assertThrows(LimitExceededException.class,
                    () -> rfc6902.apply(target, patch, limits), op);
            assertEquals(Limit.JSON_DEPTH, e.limit(), op);
            assertTrue(e.getMessage().contains("/a/b"), e.getMessage());
        }
        // Copying the document into itself, again and again, deepens it by one level each time: under the
        // default limits too, the copy past 1,000 levels is refused before Jackson's recursive code sees it.
        StringBuilder copies = new StringBuilder("[");
        for (int i = 0; i < 1_200; i++) {
            copies.append(i == 0 ? "" : ",").append("{\"op\":\"copy\",\"from\":\"\",\"path\":\"/a\"}");
        }
        byte[] deepening = copies.append(']').toString().getBytes(StandardCharsets.UTF_8);
        LimitExceededException e = assertThrows(LimitExceededException.class,
                () -> rfc6902.apply(read("{\"a\":1}", Limits.defaults()), deepening, Limits.defaults()));
        assertEquals(Limit.JSON_DEPTH, e.limit());
        // A move to a deeper place is checked; one to a shallower place is not walked, and needs no check.
        byte[] move = "[{\"op\":\"move\",\"from\":\"/b\",\"path\":\"/a/b\"}]".getBytes(StandardCharsets.UTF_8);
        JsonNode withB = read("{\"a\":{},\"b\":" + value + "}", limits);
        assertEquals(Limit.JSON_DEPTH, assertThrows(LimitExceededException.class,
                () -> rfc6902.apply(withB, move, limits)).limit());
    }
}
