package io.deltachain.strategy.jsonpatch;

import static io.deltachain.strategy.jsonpatch.Rfc6902ConformanceTest.json;
import static io.deltachain.strategy.jsonpatch.Rfc6902ConformanceTest.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.deltachain.api.CorruptDeltaException;
import io.deltachain.api.Limits;
import io.deltachain.json.CanonicalJson;
import io.deltachain.spi.DeltaStrategy;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What {@code describe} renders for json-patch and merge-patch records, with and without the base. */
class DescribeTest {
    private static final JsonPatchStrategy JSON_PATCH = new JsonPatchStrategy();
    private static final MergePatchStrategy MERGE_PATCH = new MergePatchStrategy();

    @Test
    void jsonPatchRendersOneOperationALine() {
        String note = ",\"note\":\"a note long enough that moving a record beats replacing the list\"}";
        String base = "{\"orders\":[{\"id\":1,\"qty\":4" + note + ",{\"id\":2,\"qty\":1" + note + ",{\"id\":3,\"qty\":9"
                + note + "],\"gone\":true,\"n\":0}";
        String target = "{\"orders\":[{\"id\":3,\"qty\":9" + note + ",{\"id\":1,\"qty\":5" + note + ",{\"id\":2,\"qty\":1"
                + note + "],\"n\":0,\"new\":[1,\"x\"]}";
        byte[] payload = JSON_PATCH.diff(json(base), json(target));
        String added = "{\"id\":1,\"note\":\"a note long enough that moving a record beats replacing the list\",\"qty\":5}";
        assertEquals(Optional.of("remove /gone\nremove /orders/0\nmove /orders/0 -> /orders/1\nadd /orders/1 " + added
                + "\nadd /new [1,\"x\"]\n"), JSON_PATCH.describe(payload));
        assertEquals(Optional.of("remove /gone (was true)\nremove /orders/0 (was " + added.replace("5}", "4}")
                + ")\nmove /orders/0 -> /orders/1\nadd /orders/1 " + added + "\nadd /new [1,\"x\"]\n"),
                JSON_PATCH.describe(json(base), payload, Limits.defaults()));
    }

    @Test
    void everyOperationKindHasItsLine() {
        String base = "{\"a\":{\"b\":1},\"list\":[1,2]}";
        String patch = "[{\"op\":\"test\",\"path\":\"/a/b\",\"value\":1},{\"op\":\"copy\",\"from\":\"/a\",\"path\":\"/c\"},"
                + "{\"op\":\"add\",\"path\":\"/list/-\",\"value\":3}]";
        byte[] composed = JSON_PATCH.compose(JSON_PATCH.diff(json("{}"), json("{\"x\":1}")),
                JSON_PATCH.diff(json("{\"x\":1}"), json("{\"x\":1,\"y\":[{\"x\":1}]}")));
        assertEquals("add /x 1\nadd /y [{\"x\":1}]\n", JSON_PATCH.describe(composed).orElseThrow());
        // diff writes neither test nor copy by default; their lines, from a patch another tool wrote:
        assertEquals("test /a/b 1\ncopy /a -> /c\nadd /list/- 3\n", render(patch));
        JSON_PATCH.nativeFormat().orElseThrow().apply(json(base), utf8(patch), Limits.defaults()); // and it applies
    }

    /** The rendering of a native patch's operations, as a record holding them would show. */
    private static String render(String rfc6902) {
        return io.deltachain.strategy.jsonpatch.internal.Rendering.operations(
                io.deltachain.strategy.jsonpatch.internal.Rfc6902.read(utf8(rfc6902), Limits.defaults()), null);
    }

    @Test
    void noChangeIsTheEmptyRenderingAndTheRootIsQuoted() {
        assertEquals(Optional.of(""), JSON_PATCH.describe(JSON_PATCH.diff(json("[1]"), json("[1.0]"))));
        assertEquals(Optional.of("replace \"\" 7 (was \"doc\")\n"),
                JSON_PATCH.describe(json("\"doc\""), JSON_PATCH.diff(json("\"doc\""), json("7")), Limits.defaults()));
        assertEquals(Optional.of("replace \"/a b\" 2\nreplace \"/q\\\"\\nx\" 3\n"),
                JSON_PATCH.describe(JSON_PATCH.diff(json("{\"a b\":1,\"q\\\"\\nx\":1}"), json("{\"a b\":2,\"q\\\"\\nx\":3}"))));
    }

    @Test
    void hugeValuesAreCutWithTheirLength() {
        String big = "x".repeat(5_000);
        byte[] payload = JSON_PATCH.diff(json("{}"), json("{\"big\":\"" + big + "\"}"));
        String line = JSON_PATCH.describe(payload).orElseThrow();
        assertEquals("add /big \"" + "x".repeat(99) + "... (5,002 chars)\n", line);
        assertTrue(line.length() < 200, line);
    }

    @Test
    void aPatchThatDoesNotFitTheBaseOrIsDamagedThrowsNamedExceptions() {
        byte[] payload = JSON_PATCH.diff(json("{\"a\":{\"b\":1}}"), json("{\"a\":{\"b\":2}}"));
        assertThrows(PatchConflictException.class, () -> JSON_PATCH.describe(json("{}"), payload, Limits.defaults()));
        byte[] damaged = payload.clone();
        damaged[3] = 'X';
        assertThrows(CorruptDeltaException.class, () -> JSON_PATCH.describe(damaged));
        byte[] before = payload.clone();
        JSON_PATCH.describe(payload);
        assertArrayEquals(before, payload);
        assertThrows(CorruptDeltaException.class, () -> MERGE_PATCH.describe(damaged));
    }

    @Test
    void mergePatchRendersItsMembers() {
        String base = "{\"a\":1,\"b\":{\"c\":2,\"d\":3},\"e\":\"x\",\"f\":5}";
        String target = "{\"a\":2,\"b\":{\"c\":2},\"e\":{\"g\":[1]},\"h\":null,\"f\":5}";
        byte[] payload = MERGE_PATCH.diff(json(base), json(target));
        assertEquals(Optional.of("set /a 2\nremove /b/d\nset /e/g [1]\nset /h null\n"), MERGE_PATCH.describe(payload));
        assertEquals(Optional.of("replace /a 2 (was 1)\nremove /b/d (was 3)\nreplace /e {} (was \"x\")\nadd /e/g [1]\n"
                + "add /h null\n"), MERGE_PATCH.describe(json(base), payload, Limits.defaults()));
        assertEquals(Optional.of(""), MERGE_PATCH.describe(MERGE_PATCH.diff(json(base), json(base))));
        byte[] same = MERGE_PATCH.diff(json("[true]"), json("[true]"));
        assertEquals(Optional.of(""), MERGE_PATCH.describe(same), "equal documents that are not objects: no body");
        assertEquals(json("[true]"), MERGE_PATCH.apply(json("[true]"), same, Limits.defaults()));
        assertEquals(0, MERGE_PATCH.summary(same).changes());
        assertEquals(Optional.of("set \"\" [1]\n"), MERGE_PATCH.describe(MERGE_PATCH.diff(json(base), json("[1]"))));
        assertEquals(Optional.of("replace \"\" {} (was [1])\nadd /k 1\n"),
                MERGE_PATCH.describe(json("[1]"), MERGE_PATCH.diff(json("[1]"), json("{\"k\":1}")), Limits.defaults()));
        byte[] nulls = MERGE_PATCH.diff(json("{\"a\":{}}"), json("{\"a\":{\"n\":null}}"));
        assertEquals(Optional.of("set /a {}\nset /a/n null\n"), MERGE_PATCH.describe(nulls));
        assertEquals(Optional.of("replace /a {} (was 3)\nadd /a/n null\n"),
                MERGE_PATCH.describe(json("{\"a\":3}"), nulls, Limits.defaults()));
    }

    @Test
    void jsonMapStatesRenderThroughTheAdapter() {
        DeltaStrategy<java.util.Map<String, Object>> onMaps = io.deltachain.api.DeltaRegistry.builder()
                .strategy(JSON_PATCH).build().strategy("json-patch", io.deltachain.json.JsonFormats.map());
        java.util.Map<String, Object> a = io.deltachain.json.JsonFormats.map().fromBytes(utf8("{\"a\":[1,2,3]}"), Limits.defaults());
        java.util.Map<String, Object> b = io.deltachain.json.JsonFormats.map().fromBytes(utf8("{\"a\":[1,3]}"), Limits.defaults());
        byte[] payload = onMaps.diff(a, b);
        assertEquals(Optional.of("remove /a/1\n"), onMaps.describe(payload));
        assertEquals(Optional.of("remove /a/1 (was 2)\n"), onMaps.describe(a, payload, Limits.defaults()));
    }
}
