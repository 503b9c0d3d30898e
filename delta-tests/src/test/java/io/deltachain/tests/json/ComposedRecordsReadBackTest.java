package io.deltachain.tests.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deltachain.api.LimitExceededException;
import io.deltachain.api.Limits;
import io.deltachain.core.DeltaChain;
import io.deltachain.core.DeltaCompressor;
import io.deltachain.core.DeltaRecord;
import io.deltachain.json.JsonFormats;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A record a chain composes over many versions must apply as each of its records does: composing
 * sums what each costs, and a sum can pass a bound no single record passes (breaker, 2026-12-03:
 * 81 versions of a 10<sup>6</sup>-element array, each rotated by one {@code move}, composed into a
 * patch whose moves exceed json-patch's work bound; {@code delta apply} refused what
 * {@code chain delta} had written).
 */
class ComposedRecordsReadBackTest {
    private static JsonNode rotated(int n, int by) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode(n);
        for (int i = 0; i < n; i++) {
            a.add(Math.floorMod(i - by, n) % 10);
        }
        ObjectNode doc = JsonNodeFactory.instance.objectNode();
        doc.set("a", a);
        return doc;
    }

    @Test
    void aComposedRecordThatWouldPassTheWorkBoundIsDiffedInstead() {
        int n = 200_000;
        // ratio 1 leaves the work bound at its floor plus the inputs: 50 rotations of 200,000 pass it
        DeltaCompressor<JsonNode> compressor = DeltaCompressor.builder(JsonFormats.node()).strategy("json-patch")
                .limits(Limits.defaults().withMaxExpansionRatio(1)).build();
        DeltaChain<JsonNode> chain = DeltaChain.builder(JsonFormats.node()).compressor(compressor).build();
        List<DeltaRecord> records = new ArrayList<>();
        for (int v = 0; v <= 50; v++) {
            chain.add(rotated(n, v));
            if (v > 0) {
                records.add(chain.deltaBetween(v - 1, v));
            }
        }
        DeltaRecord merged = compressor.merge(records).orElseThrow();
        assertThrows(LimitExceededException.class, () -> compressor.apply(rotated(n, 0), merged),
                "the plain composition passes the bound (else this test tests nothing)");
        DeltaRecord between = chain.deltaBetween(0, 50);
        assertEquals(rotated(n, 50), compressor.apply(rotated(n, 0), between));
    }
}
