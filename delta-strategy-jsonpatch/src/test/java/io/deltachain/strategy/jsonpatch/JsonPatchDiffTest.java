package io.deltachain.strategy.jsonpatch;

import static io.deltachain.strategy.jsonpatch.Rfc6902ConformanceTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deltachain.api.Limits;
import io.deltachain.json.CanonicalJson;
import io.deltachain.spi.NativeFormat;
import io.deltachain.strategy.jsonpatch.internal.Pointers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** What json-patch's diff writes, operation by operation, and that it always round-trips. */
class JsonPatchDiffTest {
    private static final long SEED = Long.getLong("deltachain.seed", 20261201L);
    private static final JsonPatchStrategy STRATEGY = new JsonPatchStrategy();
    private static final NativeFormat<JsonNode> RFC6902 = STRATEGY.nativeFormat().orElseThrow();

    private static String diff(String a, String b) {
        return diff(RFC6902, a, b);
    }

    private static String diff(NativeFormat<JsonNode> format, String a, String b) {
        JsonNode base = json(a);
        JsonNode target = json(b);
        byte[] patch = format.diff(base, target);
        JsonNode applied = format.apply(base, patch, Limits.defaults());
        assertEquals(CanonicalJson.toString(target), CanonicalJson.toString(applied), "round trip");
        return new String(patch, StandardCharsets.UTF_8).replace("\n", "");
    }

    @Test
    void objectsDifferMemberByMember() {
        assertEquals("[  {\"op\":\"remove\",\"path\":\"/b\"},  {\"op\":\"replace\",\"path\":\"/a\",\"value\":2},"
                        + "  {\"op\":\"add\",\"path\":\"/c\",\"value\":{\"d\":[1]}}]",
                diff("{\"a\":1,\"b\":true,\"k\":\"same\"}", "{\"a\":2,\"k\":\"same\",\"c\":{\"d\":[1]}}"));
    }

    @Test
    void equalDocumentsGiveTheEmptyPatch() {
        assertEquals("]", diff("{\"a\":[1,{\"b\":2}],\"n\":1.0}", "{\"n\":1,\"a\":[1,{\"b\":2}]}").substring(1));
    }

    @Test
    void nestedChangesArePatchedInPlace() {
        assertEquals("[  {\"op\":\"replace\",\"path\":\"/a/b/c\",\"value\":2}]",
                diff("{\"a\":{\"b\":{\"c\":1,\"d\":\"long unchanged text\"}}}", "{\"a\":{\"b\":{\"c\":2,\"d\":\"long unchanged text\"}}}"));
    }

    @Test
    void pointersEscapeTildeAndSlash() {
        assertEquals("[  {\"op\":\"replace\",\"path\":\"/a~1b/m~0n/~01\",\"value\":2}]",
                diff("{\"a/b\":{\"m~n\":{\"~1\":1,\"x\":\"keep this\"}}}", "{\"a/b\":{\"m~n\":{\"~1\":2,\"x\":\"keep this\"}}}"));
    }

    @Test
    void rootScalarsAndKindChangesAreReplacedWhole() {
        assertEquals("[  {\"op\":\"replace\",\"path\":\"\",\"value\":\"x\"}]", diff("3", "\"x\""));
        assertEquals("[  {\"op\":\"replace\",\"path\":\"\",\"value\":[1]}]", diff("{\"a\":1}", "[1]"));
        assertEquals("[  {\"op\":\"replace\",\"path\":\"\",\"value\":null}]", diff("[]", "null"));
    }

    @Test
    void rootArraysAreDiffedElementWise() {
        assertEquals("[  {\"op\":\"remove\",\"path\":\"/0\"},  {\"op\":\"add\",\"path\":\"/2\",\"value\":4}]",
                diff("[1,2,3]", "[2,3,4]"));
    }

    @Test
    void aRecordInsertedIntoAnArrayOfRecordsIsOneAdd() {
        assertEquals("[  {\"op\":\"add\",\"path\":\"/items/1\",\"value\":{\"id\":9,\"name\":\"new\",\"tags\":[\"t\",\"u\"]}}]",
                diff(records(1, 2, 3), records(1, 9, 2, 3).replace("\"n9\"", "\"new\"")));
    }

    @Test
    void aRecordRemovedFromAnArrayOfRecordsIsOneRemove() {
        assertEquals("[  {\"op\":\"remove\",\"path\":\"/items/2\"}]", diff(records(1, 2, 3, 4), records(1, 2, 4)));
    }

    @Test
    void aRecordMovedIsOneMove() {
        assertEquals("[  {\"op\":\"move\",\"from\":\"/items/0\",\"path\":\"/items/3\"}]", diff(records(1, 2, 3, 4), records(2, 3, 4, 1)));
        assertEquals("[  {\"op\":\"move\",\"from\":\"/items/3\",\"path\":\"/items/0\"}]", diff(records(1, 2, 3, 4), records(4, 1, 2, 3)));
    }

    @Test
    void movesCanBeTurnedOff() {
        assertEquals("[  {\"op\":\"remove\",\"path\":\"/items/0\"},  {\"op\":\"add\",\"path\":\"/items/3\",\"value\":{\"id\":1,"
                        + "\"name\":\"n1\",\"tags\":[\"t\",\"u\"]}}]",
                diff(JsonPatchStrategy.detecting(false, false).nativeFormat().orElseThrow(), records(1, 2, 3, 4), records(2, 3, 4, 1)));
    }

    @Test
    void copiesCanBeTurnedOn() {
        assertEquals("[  {\"op\":\"copy\",\"from\":\"/items/0\",\"path\":\"/items/2\"}]",
                diff(JsonPatchStrategy.detecting(true, true).nativeFormat().orElseThrow(), records(1, 2), records(1, 2, 1)));
    }

    @Test
    void anEditedRecordIsPatchedAtItsChangedMembers() {
        String before = records(1, 2, 3);
        String after = before.replace("\"n2\"", "\"renamed\"");
        assertEquals("[  {\"op\":\"replace\",\"path\":\"/items/1/name\",\"value\":\"renamed\"}]", diff(before, after));
    }

    @Test
    void anEditedRecordIsReplacedWholeWhenThatIsSmaller() {
        String patch = diff("[{\"a\":1,\"b\":2,\"c\":3},\"x\"]", "[{\"d\":1},\"x\"]");
        assertEquals("[  {\"op\":\"replace\",\"path\":\"/0\",\"value\":{\"d\":1}}]", patch);
    }

    @Test
    void movedAndEditedRecordsTogetherRoundTrip() {
        diff(records(1, 2, 3, 4, 5, 6), records(6, 1, 3, 2, 4, 5).replace("\"n3\"", "\"x\"").replace("\"n5\"", "\"y\""));
    }

    @Test
    void duplicatesInArraysRoundTrip() {
        diff("[1,1,2,1,3,3,1]", "[3,1,1,2,2,1,3,1]");
        diff("[{\"a\":1},{\"a\":1},{\"a\":1}]", "[{\"a\":1},{\"a\":2},{\"a\":1},{\"a\":1}]");
    }

    @Test
    void hugeRewrittenArraysFallBackAndStillRoundTrip() {
        // 40,000 elements, half of them replaced at random: far past Myers' edit cutoff.
        Random r = new Random(SEED);
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        ArrayNode b = JsonNodeFactory.instance.arrayNode();
        for (int i = 0; i < 40_000; i++) {
            a.add(i);
            b.add(r.nextBoolean() ? i : -i - 1);
        }
        JsonNode applied = RFC6902.apply(a, RFC6902.diff(a, b), Limits.defaults());
        assertEquals(CanonicalJson.toString(b), CanonicalJson.toString(applied));
    }

    /** Breaker, 2026-12-03: every element of a reversed array is a move, and simulating 200,000 moves took 189 s. */
    @Test
    void aReversedLargeArrayKeepsNoMovesAndStillRoundTrips() {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        ArrayNode b = JsonNodeFactory.instance.arrayNode();
        for (int i = 0; i < 100_000; i++) {
            a.add(i);
            b.add(100_000 - 1 - i);
        }
        byte[] patch = RFC6902.diff(a, b);
        assertFalse(new String(patch, java.nio.charset.StandardCharsets.UTF_8).contains("\"move\""));
        JsonNode applied = RFC6902.apply(a, patch, Limits.defaults());
        assertEquals(CanonicalJson.toString(b), CanonicalJson.toString(applied));
    }

    @Test
    void randomTreesRoundTripThroughPayloadAndNativeFormat() {
        RandomTrees trees = new RandomTrees(true);
        JsonPatchStrategy[] strategies = {STRATEGY, JsonPatchStrategy.detecting(false, false), JsonPatchStrategy.detecting(true, true)};
        for (int i = 0; i < 1_000; i++) {
            long seed = SEED + i;
            Random r = new Random(seed);
            JsonNode a = trees.document(r);
            JsonNode b = trees.edit(r, a, 4);
            for (JsonPatchStrategy s : strategies) {
                String where = "seed " + seed + " (-Ddeltachain.seed=" + SEED + ", pair " + i + "), " + s;
                JsonNode viaPayload = s.apply(a, s.diff(a, b), Limits.defaults());
                assertEquals(CanonicalJson.toString(b), CanonicalJson.toString(viaPayload), where);
                NativeFormat<JsonNode> rfc = s.nativeFormat().orElseThrow();
                JsonNode viaText = rfc.apply(a, rfc.diff(a, b), Limits.defaults());
                assertEquals(CanonicalJson.toString(b), CanonicalJson.toString(viaText), where);
            }
        }
    }

    @Test
    void summaryListsThePointersTouched() {
        JsonNode a = json("{\"a\":1,\"b\":[1,2,3],\"c\":{\"d\":1}}");
        JsonNode b = json("{\"a\":2,\"b\":[2,3,1],\"c\":{}}");
        var summary = STRATEGY.summary(STRATEGY.diff(a, b));
        assertEquals(2, summary.changes());
        assertEquals(1, summary.removals());
        assertEquals(List.of("/a", "/b", "/c/d"), summary.affectedKeys());
        assertEquals("/x/y", Pointers.upToFirstIndex("/x/y/7/k"));
        assertEquals("/orders", Pointers.upToFirstIndex("/orders/-"));
        assertEquals("", Pointers.upToFirstIndex("/0/a"));
        assertEquals("/a~1b//c", Pointers.upToFirstIndex("/a~1b//c"));
    }

    @Test
    void composeIsExact() {
        JsonNode a = json("{\"a\":1,\"k\":[1,2]}");
        JsonNode b = json("{\"k\":[2]}");
        JsonNode c = json("{\"a\":3,\"k\":[2,1]}");
        byte[] ac = STRATEGY.compose(STRATEGY.diff(a, b), STRATEGY.diff(b, c));
        assertEquals(CanonicalJson.toString(c), CanonicalJson.toString(STRATEGY.apply(a, ac, Limits.defaults())));
        assertTrue(STRATEGY.summary(ac).affectedKeys().contains("/a"));
    }

    /** {"items":[{"id":1,"name":"n1","tags":["t","u"]}, ...]} for the ids given. */
    private static String records(int... ids) {
        ObjectNode doc = JsonNodeFactory.instance.objectNode();
        ArrayNode items = doc.putArray("items");
        for (int id : ids) {
            ObjectNode o = items.addObject();
            o.put("id", id).put("name", "n" + id);
            o.putArray("tags").add("t").add("u");
        }
        return doc.toString();
    }
}
