package io.deltachain.bench;

import io.deltachain.codec.gzip.GzipCodec;
import io.deltachain.codec.zstd.ZstdCodec;
import io.deltachain.spi.Codec;
import io.deltachain.spi.NativeFormat;
import io.deltachain.strategy.bsdiff.BsdiffStrategy;
import io.deltachain.strategy.zstdpatch.ZstdPatchStrategy;
import io.sigpipe.jbsdiff.Diff;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;
import java.util.Locale;

/**
 * Patch sizes, peak heap and a one-shot time of each diff, beside jbsdiff: what JMH does not measure. Peak heap is the
 * sum of the heap pools' peak usage during one diff, minus what was in use before it (after a
 * collection), divided by the old file's size. Run: {@code java -Xmx4g -cp benchmarks.jar
 * io.deltachain.bench.SizeAndMemoryReport structured-16m}.
 */
public final class SizeAndMemoryReport {
    private SizeAndMemoryReport() {
    }

    /**
     * @param args pair names (default: structured-2m structured-16m release-tar release-jar random-2m zeros-16m)
     * @throws Exception when jbsdiff fails
     */
    public static void main(String[] args) throws Exception {
        List<String> pairs = args.length == 0 ? List.of("structured-2m", "structured-16m", "release-tar", "release-jar",
                "random-2m", "zeros-16m") : List.of(args);
        BsdiffStrategy ours = new BsdiffStrategy();
        NativeFormat<byte[]> bsdiff40 = ours.nativeFormat().orElseThrow();
        Codec gzip = new GzipCodec();
        io.deltachain.core.DeltaCompressor<byte[]> record = io.deltachain.core.Deltas.compressor("bsdiff",
                io.deltachain.api.StateFormats.bytes());
        Codec zstd = new ZstdCodec();
        NativeFormat<byte[]> zstdNative = new ZstdPatchStrategy().nativeFormat().orElseThrow();
        System.out.println("| pair | tool | patch bytes | peak heap beyond inputs (bytes per old byte) | diff ms (one shot) |");
        System.out.println("|---|---|---|---|---|");
        for (String name : pairs) {
            byte[][] files = Pairs.named(name);
            byte[] a = files[0];
            byte[] b = files[1];
            row(name, "ours, record (payload + gzip)", a.length, () -> gzip.encode(ours.diff(a, b), gzip.defaultLevel()));
            row(name, "ours, whole record (toBytes(), default codec gzip)", a.length, () -> record.diff(a, b).toBytes());
            row(name, "ours, BSDIFF40", a.length, () -> bsdiff40.diff(a, b));
            row(name, "ours, bsdiff record payload + zstd 19", a.length, () -> zstd.encode(ours.diff(a, b), 19));
            row(name, "ours, zstd-patch native (level 12)", a.length, () -> zstdNative.diff(a, b));
            if (name.startsWith("zeros")) {
                continue; // jbsdiff's suffix sort degrades on zero-filled input
            }
            row(name, "jbsdiff 1.0", a.length, () -> {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                Diff.diff(a, b, out);
                return out.toByteArray();
            });
        }
    }

    private interface DiffCall {
        byte[] run() throws Exception;
    }

    private static void row(String pair, String tool, int oldSize, DiffCall call) throws Exception {
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        System.gc();
        long before = heap.stream().mapToLong(p -> p.getUsage().getUsed()).sum();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        long start = System.nanoTime();
        byte[] patch = call.run();
        long millis = (System.nanoTime() - start) / 1_000_000;
        long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        System.out.printf(Locale.ROOT, "| %s | %s | %,d | %.1f | %,d |%n", pair, tool, patch.length,
                (double) (peak - before) / oldSize, millis);
    }
}
