package io.deltachain.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.flipkart.zjsonpatch.JsonDiff;
import com.flipkart.zjsonpatch.JsonPatch;
import io.deltachain.api.Limits;
import io.deltachain.core.DeltaCompressor;
import io.deltachain.core.DeltaRecord;
import io.deltachain.core.Deltas;
import io.deltachain.json.CanonicalJson;
import io.deltachain.json.JsonFormats;
import io.deltachain.strategy.jsonpatch.JsonPatchStrategy;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;

/**
 * Sizes rather than times: operations written by json-patch and zjsonpatch on the benchmark pairs
 * (both checked to apply exactly), and the bytes of the records of a 1,000-version history of a
 * ~200 KB document (edits inside two arrays of 350 records), json-patch against dict.
 *
 * <pre>java -cp delta-bench/target/benchmarks.jar io.deltachain.bench.JsonPatchReport [pairs...]</pre>
 */
public final class JsonPatchReport {
    private static final JsonPatchStrategy OURS = new JsonPatchStrategy();

    private JsonPatchReport() {
    }

    /** @param args pair names, default 1k 330k 1m 50m */
    public static void main(String[] args) {
        String[] pairs = args.length > 0 ? args : new String[] {"1k", "330k", "1m", "50m"};
        JsonPatchStrategy ours = new JsonPatchStrategy();
        System.out.println("| pair | canonical bytes | json-patch ops | zjsonpatch ops | json-patch RFC 6902 bytes | zjsonpatch bytes | both exact |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (String name : pairs) {
            JsonNode[] pair = JsonDocs.pair(name);
            byte[] text = ours.nativeFormat().orElseThrow().diff(pair[0], pair[1]);
            JsonNode ourPatch = JsonFormats.node().fromBytes(text, Limits.defaults());
            JsonNode theirs = JsonDiff.asJson(pair[0], pair[1]);
            boolean exact = same(pair[1], ours.apply(pair[0], ours.diff(pair[0], pair[1]), Limits.defaults()))
                    && same(pair[1], JsonPatch.apply(theirs, pair[0]));
            System.out.printf("| %s | %,d | %,d | %,d | %,d | %,d | %s |%n", name, JsonDocs.size(pair[0]), ourPatch.size(),
                    theirs.size(), text.length, theirs.toString().length(), exact ? "yes" : "NO");
        }
        history(1_000);
    }

    private static boolean same(JsonNode a, JsonNode b) {
        return Arrays.equals(CanonicalJson.write(a), CanonicalJson.write(b));
    }

    /** Records (gzip, the default codec) of consecutive versions, json-patch and dict, summed. */
    private static void history(int versions) {
        Random r = new Random(1000);
        JsonNode doc = JsonDocs.document(r, 525); // two arrays: 350 orders and 175 customers... see below
        // Two arrays of 350 records each: orders and customers.
        ((com.fasterxml.jackson.databind.node.ArrayNode) doc.get("crm").get("customers")).removeAll();
        for (int i = 0; i < 350; i++) {
            ((com.fasterxml.jackson.databind.node.ArrayNode) doc.get("crm").get("customers")).add(JsonDocs.customer(r, i));
        }
        DeltaCompressor<JsonNode> jsonPatch = Deltas.compressor("json-patch", JsonFormats.node());
        DeltaCompressor<Map<String, Object>> dict = Deltas.compressor("dict", JsonFormats.map());
        long jsonPatchBytes = 0;
        long dictBytes = 0;
        long jsonPatchPayload = 0;
        long dictPayload = 0;
        long jsonPatchOps = 0;
        int size = JsonDocs.size(doc);
        for (int v = 1; v < versions; v++) {
            JsonNode next = JsonDocs.edit(r, doc, 0.002);
            DeltaRecord a = jsonPatch.diff(doc, next);
            DeltaRecord b = dict.diff(map(doc), map(next));
            jsonPatchBytes += a.toBytes().length;
            dictBytes += b.toBytes().length;
            jsonPatchPayload += a.storedSize();
            dictPayload += b.storedSize();
            jsonPatchOps += JsonFormats.node().fromBytes(OURS.nativeFormat().orElseThrow().diff(doc, next), Limits.defaults()).size();
            doc = next;
        }
        System.out.printf("%nhistory: %,d versions of a %,d-byte document (arrays of %d and %d records), records in wire bytes:"
                        + " json-patch %,d, dict %,d, ratio dict/json-patch %.1f%n", versions, size,
                doc.get("orders").size(), doc.get("crm").get("customers").size(), jsonPatchBytes, dictBytes,
                (double) dictBytes / jsonPatchBytes);
        System.out.printf("payloads after gzip: json-patch %,d, dict %,d; json-patch operations %,d (%.1f a version)%n",
                jsonPatchPayload, dictPayload, jsonPatchOps, jsonPatchOps / (versions - 1.0));
    }

    private static Map<String, Object> map(JsonNode node) {
        return JsonFormats.map().fromBytes(JsonFormats.node().toBytes(node), Limits.defaults());
    }
}
