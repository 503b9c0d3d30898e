package io.deltachain.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.flipkart.zjsonpatch.JsonDiff;
import com.flipkart.zjsonpatch.JsonPatch;
import io.deltachain.api.Limits;
import io.deltachain.json.JsonFormats;
import io.deltachain.spi.DeltaStrategy;
import io.deltachain.strategy.dict.DictStrategy;
import io.deltachain.strategy.jsonpatch.JsonPatchStrategy;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * json-patch beside zjsonpatch 0.4.16 (default {@code DiffFlags}) and our dict, diff and apply, on the
 * same seeded documents ({@link JsonDocs}): {@code java -jar benchmarks.jar JsonPatchBenchmark}.
 * Ours apply from the record payload (decoding included); zjsonpatch from its patch tree; dict works
 * on the documents as json-map states.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx8g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class JsonPatchBenchmark {
    @Param({"1k", "330k", "1m", "50m"})
    public String doc;

    private final JsonPatchStrategy jsonPatch = new JsonPatchStrategy();
    private final DeltaStrategy<Map<String, Object>> dict = new DictStrategy();
    private JsonNode base;
    private JsonNode target;
    private Map<String, Object> baseMap;
    private Map<String, Object> targetMap;
    private byte[] ourPayload;
    private byte[] dictPayload;
    private JsonNode zjsonPatch;

    /** Makes the documents and the patches the apply benchmarks read. */
    @Setup(Level.Trial)
    public void setUp() {
        JsonNode[] pair = JsonDocs.pair(doc);
        base = pair[0];
        target = pair[1];
        baseMap = JsonFormats.map().fromBytes(JsonFormats.node().toBytes(base), Limits.defaults());
        targetMap = JsonFormats.map().fromBytes(JsonFormats.node().toBytes(target), Limits.defaults());
        ourPayload = jsonPatch.diff(base, target);
        dictPayload = dict.diff(baseMap, targetMap);
        zjsonPatch = JsonDiff.asJson(base, target);
    }

    /** @return our payload */
    @Benchmark
    public byte[] diffJsonPatch() {
        return jsonPatch.diff(base, target);
    }

    /** @return zjsonpatch's patch */
    @Benchmark
    public JsonNode diffZjsonpatch() {
        return JsonDiff.asJson(base, target);
    }

    /** @return dict's payload */
    @Benchmark
    public byte[] diffDict() {
        return dict.diff(baseMap, targetMap);
    }

    /** @return the target, from our payload */
    @Benchmark
    public JsonNode applyJsonPatch() {
        return jsonPatch.apply(base, ourPayload, Limits.defaults());
    }

    /** @return the target, from zjsonpatch's patch */
    @Benchmark
    public JsonNode applyZjsonpatch() {
        return JsonPatch.apply(zjsonPatch, base);
    }

    /** @return the target, from dict's payload */
    @Benchmark
    public Map<String, Object> applyDict() {
        return dict.apply(baseMap, dictPayload, Limits.defaults());
    }
}
