package io.deltachain.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.flipkart.zjsonpatch.JsonDiff;
import com.flipkart.zjsonpatch.JsonPatch;
import io.deltachain.api.Limits;
import io.deltachain.json.JsonFormats;
import io.deltachain.strategy.dict.DictStrategy;
import io.deltachain.strategy.jsonpatch.JsonPatchStrategy;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Diff and apply times of json-patch, zjsonpatch 0.4.16 and dict on the {@link JsonDocs} pairs, as the
 * median CPU time of the calling thread (GC threads excluded), which a machine shared with other
 * work disturbs far less than wall-clock time. The JMH benchmark ({@link JsonPatchBenchmark}) measures
 * the same calls in wall-clock time.
 *
 * <pre>java -Xmx8g -cp delta-bench/target/benchmarks.jar io.deltachain.bench.JsonPatchTimes [reps] [pairs...]</pre>
 */
public final class JsonPatchTimes {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private JsonPatchTimes() {
    }

    /** @param args repetitions (default 15), then pair names (default 1k 330k 1m) */
    public static void main(String[] args) {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        String[] pairs = args.length > 1 ? Arrays.copyOfRange(args, 1, args.length) : new String[] {"1k", "330k", "1m"};
        JsonPatchStrategy ours = new JsonPatchStrategy();
        DictStrategy dict = new DictStrategy();
        System.out.println("| pair | diff json-patch | diff zjsonpatch | diff dict | apply json-patch | apply zjsonpatch | apply dict |"
                + " diff ratio zjsonpatch/json-patch | apply ratio |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        for (String name : pairs) {
            JsonNode[] pair = JsonDocs.pair(name);
            JsonNode a = pair[0];
            JsonNode b = pair[1];
            Map<String, Object> am = JsonFormats.map().fromBytes(JsonFormats.node().toBytes(a), Limits.defaults());
            Map<String, Object> bm = JsonFormats.map().fromBytes(JsonFormats.node().toBytes(b), Limits.defaults());
            byte[] payload = ours.diff(a, b);
            JsonNode theirPatch = JsonDiff.asJson(a, b);
            byte[] dictPayload = dict.diff(am, bm);
            int n = name.equals("1k") ? reps * 100 : reps;
            double dOurs = median(n, () -> ours.diff(a, b));
            double dTheirs = median(n, () -> JsonDiff.asJson(a, b));
            double dDict = median(n, () -> dict.diff(am, bm));
            double aOurs = median(n, () -> ours.apply(a, payload, Limits.defaults()));
            double aTheirs = median(n, () -> JsonPatch.apply(theirPatch, a));
            double aDict = median(n, () -> dict.apply(am, dictPayload, Limits.defaults()));
            System.out.printf("| %s | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.1f× | %.1f× |%n", name, dOurs, dTheirs, dDict,
                    aOurs, aTheirs, aDict, dTheirs / dOurs, aTheirs / aOurs);
        }
    }

    /** Warms up with {@code n} calls, then returns the median CPU milliseconds of {@code n} more. */
    private static double median(int n, Supplier<Object> call) {
        Object sink = null;
        for (int i = 0; i < n; i++) {
            sink = call.get();
        }
        double[] ms = new double[n];
        for (int i = 0; i < n; i++) {
            long t0 = THREADS.getCurrentThreadCpuTime();
            sink = call.get();
            ms[i] = (THREADS.getCurrentThreadCpuTime() - t0) / 1e6;
        }
        if (sink == null) {
            throw new AssertionError("no result");
        }
        Arrays.sort(ms);
        return ms[n / 2];
    }
}
