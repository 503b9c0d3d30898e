package io.deltachain.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.deltachain.api.CorruptDeltaException;
import io.deltachain.api.Limit;
import io.deltachain.api.LimitExceededException;
import io.deltachain.api.Limits;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link JsonFormats#readElements} reads what {@code json-node} reads, one element at a time, under the same limits. */
class ReadElementsTest {
    private static List<JsonNode> elements(String json, Limits limits) {
        List<JsonNode> out = new ArrayList<>();
        JsonFormats.readElements(json.getBytes(StandardCharsets.UTF_8), limits, (e, i) -> {
            assertEquals(out.size(), i, "elements come in order, with their index");
            out.add(e);
        });
        return out;
    }

    @Test
    void theElementsAreWhatTheWholeArrayHolds() {
        String json = " [1, \"two\", {\"b\": [3, 4.50], \"a\": null}, [], true, 12345678901234567890] ";
        JsonNode whole = JsonFormats.node().fromBytes(json.getBytes(StandardCharsets.UTF_8), Limits.defaults());
        List<JsonNode> each = elements(json, Limits.defaults());
        assertEquals(whole.size(), each.size());
        for (int i = 0; i < each.size(); i++) {
            assertEquals(whole.get(i), each.get(i));
        }
        assertEquals(List.of(), elements("[]", Limits.defaults()));
    }

    @Test
    void theArrayCountsAsOneLevelOfDepthAsInADocument() {
        Limits three = Limits.defaults().withMaxJsonDepth(3);
        assertEquals(1, elements("[[[1]]]", three).size()); // three levels, as the document reader allows
        JsonFormats.node().fromBytes("[[[1]]]".getBytes(StandardCharsets.UTF_8), three);
        LimitExceededException e = assertThrows(LimitExceededException.class, () -> elements("[[[[1]]]]", three));
        assertEquals(Limit.JSON_DEPTH, e.limit());
        assertThrows(LimitExceededException.class,
                () -> JsonFormats.node().fromBytes("[[[[1]]]]".getBytes(StandardCharsets.UTF_8), three));
    }

    @Test
    void whatIsNotAnArrayOrNotJsonIsRefusedWithItsOffset() {
        CorruptDeltaException object = assertThrows(CorruptDeltaException.class, () -> elements("{}", Limits.defaults()));
        assertTrue(object.getMessage().contains("expected a JSON array at byte offset 0"), object.getMessage());
        assertThrows(CorruptDeltaException.class, () -> elements("", Limits.defaults()));
        CorruptDeltaException unclosed = assertThrows(CorruptDeltaException.class, () -> elements("[1, 2", Limits.defaults()));
        assertTrue(unclosed.getMessage().contains("byte offset"), unclosed.getMessage());
        CorruptDeltaException trailing = assertThrows(CorruptDeltaException.class, () -> elements("[1] 2", Limits.defaults()));
        assertTrue(trailing.getMessage().contains("after the JSON value"), trailing.getMessage());
        CorruptDeltaException duplicate = assertThrows(CorruptDeltaException.class,
                () -> elements("[{\"a\":1,\"a\":2}]", Limits.defaults()));
        assertTrue(duplicate.getMessage().contains("duplicate member name"), duplicate.getMessage());
        assertThrows(LimitExceededException.class, () -> elements("[" + "1".repeat(30) + "]",
                Limits.defaults().withMaxNumberLength(20)));
    }
}
