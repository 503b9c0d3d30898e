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
import io.deltachain.api.PatchSummary;
import io.deltachain.api.UnsupportedDeltaOperationException;
import io.deltachain.json.CanonicalJson;
import io.deltachain.spi.NativeFormat;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** RFC 7396: its Appendix A as our own vectors, what diff writes, and its stated limits. */
class MergePatchTest {
    private static final MergePatchStrategy STRATEGY = new MergePatchStrategy();
    private static final NativeFormat<JsonNode> RFC7396 = STRATEGY.nativeFormat().orElseThrow();

    @ParameterizedTest(name = "{0} + {1} = {2}")
    @CsvSource(delimiter = '|', textBlock = """
            {"a":"b}"}                | {"a":"c"}                    | {"a":"c"}
            {"a":"b"}                 | {"b":"c"}                    | {"a":"b","b":"c"}
            {"a":"b"}                 | {"a":null}                   | {}
            {"a":"b","b":"c"}         | {"a":null}                   | {"b":"c"}
            {"a":["b"]}               | {"a":"c"}                    | {"a":"c"}
            {"a":"c"}                 | {"a":["b"]}                  | {"a":["b"]}
            {"a":{"b":"c"}}           | {"a":{"b":"d","c":null}}     | {"a":{"b":"d"}}
            {"a":[{"b":"c"}]}         | {"a":[1]}                    | {"a":[1]}
            ["a","b"]                 | ["c","d"]                    | ["c","d"]
            {"a":"b"}                 | ["c"]                        | ["c"]
            {"a":"foo"}               | null                         | null
            {"a":"foo"}               | "bar"                        | "bar"
            {"e":null}                | {"a":1}                      | {"e":null,"a":1}
            [1,2]                     | {"a":"b","c":null}           | {"a":"b"}
            {}                        | {"a":{"bb":{"ccc":null}}}    | {"a":{"bb":{}}}
            """)
    void appendixA(String doc, String patch, String expected) {
        JsonNode document = json(doc);
        byte[] before = CanonicalJson.write(document);
        JsonNode result = RFC7396.apply(document, utf8(patch), Limits.defaults());
        assertEquals(CanonicalJson.toString(json(expected)), CanonicalJson.toString(result));
        assertArrayEquals(before, CanonicalJson.write(document), "apply changed the document handed in");
    }

    @Test
    void diffWritesMembersToSetAndNullsToRemove() {
        JsonNode a = json("{\"a\":1,\"b\":{\"c\":1,\"d\":2},\"e\":[1,2],\"gone\":true}");
        JsonNode b = json("{\"a\":1,\"b\":{\"c\":3,\"d\":2},\"e\":[1,2,3],\"new\":{\"x\":[null]}}");
        assertEquals("{\"b\":{\"c\":3},\"e\":[1,2,3],\"gone\":null,\"new\":{\"x\":[null]}}",
                new String(RFC7396.diff(a, b), StandardCharsets.UTF_8));
        assertEquals(CanonicalJson.toString(b), CanonicalJson.toString(STRATEGY.apply(a, STRATEGY.diff(a, b), Limits.defaults())));
    }

    @Test
    void equalDocumentsGiveTheEmptyObjectAndScalarsTheirValue() {
        assertEquals("{}", new String(RFC7396.diff(json("{\"a\":[1]}"), json("{\"a\":[1]}")), StandardCharsets.UTF_8));
        assertEquals("3", new String(RFC7396.diff(json("3"), json("3")), StandardCharsets.UTF_8));
    }

    @Test
    void aNullMemberCannotBeWrittenNativelyAndTheMessageNamesIt() {
        UnsupportedDeltaOperationException e = assertThrows(UnsupportedDeltaOperationException.class,
                () -> RFC7396.diff(json("{\"a\":{\"b\":1}}"), json("{\"a\":{\"b\":null}}")));
        assertTrue(e.getMessage().contains("\"/a/b\"") && e.getMessage().contains("json-patch"), e.getMessage());
        assertThrows(UnsupportedDeltaOperationException.class, () -> RFC7396.diff(json("[]"), json("{\"k\":{\"n\":null}}")));
        // An unchanged null member is fine, and so is a null inside an array.
        RFC7396.diff(json("{\"n\":null}"), json("{\"n\":null,\"a\":[null]}"));
    }

    @Test
    void recordsCarryTheNullsRfc7396CannotSet() {
        String[][] pairs = {{"{\"a\":{\"b\":1}}", "{\"a\":{\"b\":null}}"}, {"[]", "{\"k\":{\"n\":null,\"m\":1}}"},
                {"{}", "{\"a\":null}"}, {"{\"x\":1}", "[{\"nulls\":[],\"patch\":1}]"}};
        for (String[] p : pairs) {
            JsonNode a = json(p[0]);
            JsonNode b = json(p[1]);
            byte[] payload = STRATEGY.diff(a, b);
            assertEquals(CanonicalJson.toString(b), CanonicalJson.toString(STRATEGY.apply(a, payload, Limits.defaults())), p[1]);
        }
        assertEquals("DLTJMP\u0001[{\"nulls\":[\"/a\"],\"patch\":{}}]",
                new String(STRATEGY.diff(json("{}"), json("{\"a\":null}")), StandardCharsets.ISO_8859_1));
    }

    @Test
    void summaryCountsSetAndRemovedMembers() {
        byte[] payload = STRATEGY.diff(json("{\"a\":1,\"b\":{\"c\":1},\"d\":1}"), json("{\"a\":2,\"b\":{\"c\":2,\"e\":{}}}"));
        assertEquals(PatchSummary.of(3, 1, List.of("/a", "/b/c", "/b/e", "/d")), STRATEGY.summary(payload));
    }

    @Test
    void payloadsCarryTheirOwnMagic() {
        byte[] payload = STRATEGY.diff(json("{}"), json("{\"a\":1}"));
        assertEquals("DLTJMP\u0001{\"a\":1}", new String(payload, StandardCharsets.ISO_8859_1));
        assertThrows(CorruptDeltaException.class, () -> STRATEGY.apply(json("{}"), utf8("{\"a\":1}"), Limits.defaults()));
        byte[] future = payload.clone();
        future[6] = 2;
        CorruptDeltaException e = assertThrows(CorruptDeltaException.class, () -> STRATEGY.apply(json("{}"), future, Limits.defaults()));
        assertTrue(e.getMessage().contains("version 2"), e.getMessage());
    }

    @Test
    void randomDocumentsWithNullMembersRoundTripThroughRecords() {
        RandomTrees trees = new RandomTrees(true);
        long seed = Long.getLong("deltachain.seed", 7397L);
        for (int i = 0; i < 1_000; i++) {
            Random r = new Random(seed + i);
            JsonNode a = trees.document(r);
            JsonNode b = trees.edit(r, a, 4);
            assertEquals(CanonicalJson.toString(b), CanonicalJson.toString(STRATEGY.apply(a, STRATEGY.diff(a, b), Limits.defaults())),
                    "seed " + (seed + i));
        }
    }

    @Test
    void randomDocumentsWithoutNullMembersRoundTrip() {
        RandomTrees trees = new RandomTrees(false);
        long seed = Long.getLong("deltachain.seed", 7396L);
        for (int i = 0; i < 1_000; i++) {
            Random r = new Random(seed + i);
            JsonNode a = trees.document(r);
            JsonNode b = trees.edit(r, a, 4);
            assertEquals(CanonicalJson.toString(b), CanonicalJson.toString(RFC7396.apply(a, RFC7396.diff(a, b), Limits.defaults())),
                    "seed " + (seed + i));
        }
    }
}
