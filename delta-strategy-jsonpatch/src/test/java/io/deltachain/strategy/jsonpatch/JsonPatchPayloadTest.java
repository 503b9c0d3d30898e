package io.deltachain.strategy.jsonpatch;

import static io.deltachain.strategy.jsonpatch.Rfc6902ConformanceTest.json;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.deltachain.api.CorruptDeltaException;
import io.deltachain.api.Limit;
import io.deltachain.api.LimitExceededException;
import io.deltachain.api.Limits;
import io.deltachain.json.CanonicalJson;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The record payload, byte by byte as docs/FORMAT.md specifies it, and its refusals. */
class JsonPatchPayloadTest {
    private static final JsonPatchStrategy STRATEGY = new JsonPatchStrategy();

    @Test
    void valuesReadBackAsTheJsonReaderGivesThemWithOrWithoutItsParser() {
        String[] values = {"0", "-0", "7", "-2147483648", "2147483648", "999999999999999999", "1000000000000000000",
            "true", "false", "null", "\"\"", "\"plain ascii ~/\"",
            "\"tab\\tquote\\\"\"", "\"caf\u00e9\"", "\"\ud83d\ude00\"", "[1]", "{\"a\":1}"};
        for (String v : values) {
            JsonNode expected = io.deltachain.json.JsonFormats.node().fromBytes(v.getBytes(StandardCharsets.UTF_8),
                    Limits.defaults());
            JsonNode base = json("{}");
            JsonNode target = json("{}");
            ((com.fasterxml.jackson.databind.node.ObjectNode) target).set("v", expected);
            JsonNode read = STRATEGY.apply(base, STRATEGY.diff(base, target), Limits.defaults()).get("v");
            assertEquals(expected.getClass(), read.getClass(), v);
            assertEquals(expected, read, v);
        }
        JsonNode big = json("{\"v\":12345678}");
        byte[] payload = STRATEGY.diff(json("{}"), big);
        assertThrows(LimitExceededException.class, () -> STRATEGY.apply(json("{}"), payload,
                Limits.defaults().withMaxNumberLength(5)), "the number limit holds on the parser's shortcut too");
    }

    @Test
    void goldenPayload() {
        byte[] payload = STRATEGY.diff(json("{\"a\":1,\"b\":[1,2]}"), json("{\"b\":[2,1],\"c\":true}"));
        // DLTJSP, version 01, 3 operations: remove "/a"; move, path "/b/1", from "/b/0"; add "/c" true
        assertEquals("444c544a535001" + "03" + "02" + "022f61" + "04" + "042f622f31" + "042f622f30" + "01" + "022f63" + "0474727565",
                HexFormat.of().formatHex(payload));
    }

    @Test
    void emptyPatchIsMagicVersionAndZero() {
        assertArrayEquals(new byte[] {'D', 'L', 'T', 'J', 'S', 'P', 1, 0}, STRATEGY.diff(json("[1]"), json("[1]")));
    }

    @Test
    void badPayloadsAreCorruptNamingTheOffset() {
        JsonNode doc = json("{}");
        assertCorrupt(doc, bytes("DLTJSQ\u0001\u0000"), "magic");
        assertCorrupt(doc, bytes("DLTJSP\u0002\u0000"), "version 2");
        assertCorrupt(doc, bytes("DLTJSP\u0001\u0005"), "5 operations");
        assertCorrupt(doc, bytes("DLTJSP\u0001\u0001\u0009\u0000\u0000"), "operation code");
        assertCorrupt(doc, bytes("DLTJSP\u0001\u0001\u0002\u0001a\u0000"), "no JSON Pointer");
        assertCorrupt(doc, bytes("DLTJSP\u0001\u0001\u0002\u0009/a"), "runs past the end");
        assertCorrupt(doc, bytes("DLTJSP\u0001\u0001\u0001\u0002/a\u0009true"), "runs past the end");
        assertCorrupt(doc, bytes("DLTJSP\u0001\u0001\u0002\u0002/a\u0000"), "left over");
        byte[] badUtf8 = bytes("DLTJSP\u0001\u0001\u0002\u0002/\u0000");
        badUtf8[badUtf8.length - 1] = (byte) 0xff;
        assertCorrupt(doc, badUtf8, "UTF-8");
    }

    @Test
    void copiesThatWouldBlowUpTheDocumentHitTheStateLimit() {
        StringBuilder patch = new StringBuilder("[{\"op\":\"add\",\"path\":\"/a\",\"value\":[\"0123456789\"]}");
        for (int i = 0; i < 40; i++) {
            patch.append(",{\"op\":\"copy\",\"from\":\"/a\",\"path\":\"/a/-\"}");
        }
        patch.append(']');
        LimitExceededException e = assertThrows(LimitExceededException.class, () -> STRATEGY.nativeFormat().orElseThrow()
                .apply(json("{}"), bytes(patch.toString()), Limits.defaults().withMaxStateBytes(1 << 20)));
        assertTrue(e.getMessage().startsWith("JSON Patch operation "), e.getMessage());
    }

    @Test
    void nativeTextIsOneOperationALine() {
        byte[] text = STRATEGY.nativeFormat().orElseThrow().diff(json("{\"a\":1}"), json("{\"a\":2,\"b\":\"x\"}"));
        assertEquals("[\n  {\"op\":\"replace\",\"path\":\"/a\",\"value\":2},\n  {\"op\":\"add\",\"path\":\"/b\",\"value\":\"x\"}\n]\n",
                new String(text, StandardCharsets.UTF_8));
        assertEquals("{\"a\":2,\"b\":\"x\"}", CanonicalJson.toString(STRATEGY.nativeFormat().orElseThrow()
                .apply(json("{\"a\":1}"), text, Limits.defaults())));
    }

    private static void assertCorrupt(JsonNode doc, byte[] payload, String expected) {
        CorruptDeltaException e = assertThrows(CorruptDeltaException.class, () -> STRATEGY.apply(doc, payload, Limits.defaults()));
        assertTrue(e.getMessage().contains(expected), () -> "expected '" + expected + "' in: " + e.getMessage());
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void copiesThatMakeFarMoreThanThePatchAndDocumentHitTheExpansionRatio() {
        StringBuilder patch = new StringBuilder("[{\"op\":\"add\",\"path\":\"/a\",\"value\":[\"0123456789\"]}");
        for (int i = 0; i < 40; i++) { // each copy doubles the array: 40 operations, 2^40 strings
            patch.append(",{\"op\":\"copy\",\"from\":\"/a\",\"path\":\"/a/-\"}");
        }
        patch.append(']');
        Limits limits = Limits.defaults().withMaxExpansionRatio(16);
        LimitExceededException e = assertThrows(LimitExceededException.class, () -> STRATEGY.nativeFormat().orElseThrow()
                .apply(json("{}"), bytes(patch.toString()), limits));
        assertEquals(Limit.EXPANSION_RATIO, e.limit());
        assertTrue(e.getMessage().contains("what the copy operations of this patch add"), e.getMessage());
    }
}
