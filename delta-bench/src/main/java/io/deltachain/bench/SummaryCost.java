package io.deltachain.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.deltachain.core.DeltaCompressor;
import io.deltachain.core.DeltaRecord;
import io.deltachain.core.Deltas;
import io.deltachain.json.JsonFormats;
import io.deltachain.spi.DeltaStrategy;
import io.deltachain.api.Limits;

/**
 * What checking a record's summary on apply costs, per strategy: the best of 60 runs of
 * {@code DeltaCompressor.apply}, the strategy's {@code apply} and {@code summary} separately, and its
 * {@code apply} that hands over the summary it read (docs/ROBUSTNESS.md, "Header checks on apply").
 * Arguments: document sizes of {@link JsonDocs#pair} ({@code 1k}, {@code 1m}, ...).
 */
public final class SummaryCost {
    private SummaryCost() {
    }

    /** @param a document sizes */
    public static void main(String[] a) {
        for (String name : a) {
            JsonNode[] p = JsonDocs.pair(name);
            for (String s : new String[] {"json-patch", "dict"}) {
                var format = s.equals("dict") ? JsonFormats.map() : JsonFormats.node();
                run(s, name, format, p);
            }
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static void run(String s, String name, io.deltachain.spi.StateFormat format, JsonNode[] p) {
        Object base = format.fromBytes(JsonFormats.node().toBytes(p[0]), Limits.defaults());
        Object target = format.fromBytes(JsonFormats.node().toBytes(p[1]), Limits.defaults());
        DeltaCompressor c = DeltaCompressor.builder(format).registry(Deltas.registry()).strategy(s).codec("identity").build();
        DeltaRecord r = c.diff(base, target);
        DeltaStrategy st = Deltas.registry().strategy(s, format);
        long bestOne = Long.MAX_VALUE, best = Long.MAX_VALUE, bestSum = Long.MAX_VALUE, bestRaw = Long.MAX_VALUE;
        for (int i = 0; i < 60; i++) {
            long t0 = System.nanoTime();
            c.apply(base, r);
            long t1 = System.nanoTime();
            st.summary(r.payload());
            long t2 = System.nanoTime();
            st.apply(base, r.payload(), Limits.defaults());
            long t3 = System.nanoTime();
            st.apply(base, r.payload(), Limits.defaults(), x -> { });
            long t4 = System.nanoTime();
            bestOne = Math.min(bestOne, t4 - t3);
            best = Math.min(best, t1 - t0); bestSum = Math.min(bestSum, t2 - t1); bestRaw = Math.min(bestRaw, t3 - t2);
        }
        System.out.printf("%s %s payload %d B: compressor.apply %.2f ms; strategy: apply %.2f + summary %.2f = %.2f ms, apply with its summary %.2f ms%n",
                name, s, r.payloadSize(), best / 1e6, bestRaw / 1e6, bestSum / 1e6, (bestRaw + bestSum) / 1e6, bestOne / 1e6);
    }
}
