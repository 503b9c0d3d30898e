package io.deltachain.bench;

import io.deltachain.codec.gzip.GzipCodec;
import io.deltachain.spi.Codec;
import io.deltachain.api.Limits;
import io.deltachain.spi.NativeFormat;
import io.deltachain.strategy.bsdiff.BsdiffStrategy;
import java.util.Arrays;
import java.util.Locale;

/**
 * The large-input soak for bsdiff, not part of {@code mvn verify}: a structured pair of N MiB (default
 * 256) through the record path and the native path, both applied back and compared, with times and
 * the heap in use. Run with a 4 GiB heap:
 * <pre>java -Xmx4g -cp delta-bench/target/benchmarks.jar io.deltachain.bench.BsdiffSoak 256</pre>
 */
public final class BsdiffSoak {
    private BsdiffSoak() {
    }

    /**
     * @param args the size in MiB (default 256)
     */
    public static void main(String[] args) {
        int mib = args.length > 0 ? Integer.parseInt(args[0]) : 256;
        long t0 = System.nanoTime();
        byte[][] pair = BinaryPairs.make("structured", mib << 20, 25 * mib);
        System.out.printf(Locale.ROOT, "made a %d MiB pair with %d edits in %.1f s%n", mib, 25 * mib, secs(t0));
        BsdiffStrategy bsdiff = new BsdiffStrategy();
        NativeFormat<byte[]> bsdiff40 = bsdiff.nativeFormat().orElseThrow();
        Codec gzip = new GzipCodec();
        Limits limits = Limits.defaults().withMaxPayloadBytes(Integer.MAX_VALUE);

        long t1 = System.nanoTime();
        byte[] record = gzip.encode(bsdiff.diff(pair[0], pair[1]), gzip.defaultLevel());
        System.out.printf(Locale.ROOT, "record path: diff %.1f s, %,d bytes, heap in use %,d MiB%n", secs(t1),
                record.length, used());
        long t2 = System.nanoTime();
        boolean recordOk = Arrays.equals(pair[1], bsdiff.apply(pair[0], gzip.decode(record, limits), limits));
        System.out.printf(Locale.ROOT, "record path: apply %.1f s, exact: %s%n", secs(t2), recordOk);

        long t3 = System.nanoTime();
        byte[] patch = bsdiff40.diff(pair[0], pair[1]);
        System.out.printf(Locale.ROOT, "BSDIFF40: diff %.1f s, %,d bytes, heap in use %,d MiB%n", secs(t3), patch.length,
                used());
        long t4 = System.nanoTime();
        boolean nativeOk = Arrays.equals(pair[1], bsdiff40.apply(pair[0], patch, limits));
        System.out.printf(Locale.ROOT, "BSDIFF40: apply %.1f s, exact: %s%n", secs(t4), nativeOk);
        if (!recordOk || !nativeOk) {
            throw new AssertionError("a patch did not apply back exactly");
        }
    }

    private static double secs(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static long used() {
        Runtime rt = Runtime.getRuntime();
        return (rt.totalMemory() - rt.freeMemory()) >> 20;
    }
}
