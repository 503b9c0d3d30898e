package io.deltachain.bench;

import io.deltachain.codec.gzip.GzipCodec;
import io.deltachain.spi.Codec;
import io.deltachain.api.Limits;
import io.deltachain.spi.NativeFormat;
import io.deltachain.strategy.bsdiff.BsdiffStrategy;
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
 * Our bsdiff, in process: the record path (payload + gzip codec, as a record stores it) and the native
 * BSDIFF40 path (bzip2 included), diff and apply. {@link JbsdiffBenchmark} runs the peer in the same
 * JMH run ({@code java -jar benchmarks.jar Bsdiff}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
@Warmup(iterations = 3)
@Measurement(iterations = 8)
public class BsdiffBenchmark {
    @Param({"structured-2m", "structured-16m", "release-tar", "release-jar", "random-2m", "zeros-16m", "periodic-16m"})
    public String pair;

    private byte[] oldFile;
    private byte[] newFile;
    private final BsdiffStrategy ours = new BsdiffStrategy();
    private final NativeFormat<byte[]> bsdiff40 = ours.nativeFormat().orElseThrow();
    private final Codec gzip = new GzipCodec();
    private byte[] recordPayload;
    private byte[] nativePatch;

    /** Makes the inputs and the patches that the apply benchmarks read. */
    @Setup(Level.Trial)
    public void setUp() {
        byte[][] files = Pairs.named(pair);
        oldFile = files[0];
        newFile = files[1];
        recordPayload = gzip.encode(ours.diff(oldFile, newFile), gzip.defaultLevel());
        nativePatch = bsdiff40.diff(oldFile, newFile);
    }

    /** @return our record payload, gzip'd as a record stores it */
    @Benchmark
    public byte[] diffRecord() {
        return gzip.encode(ours.diff(oldFile, newFile), gzip.defaultLevel());
    }

    /** @return our BSDIFF40 patch */
    @Benchmark
    public byte[] diffNative() {
        return bsdiff40.diff(oldFile, newFile);
    }

    /** @return the new file from our record payload */
    @Benchmark
    public byte[] applyRecord() {
        return ours.apply(oldFile, gzip.decode(recordPayload, Limits.defaults()), Limits.defaults());
    }

    /** @return the new file from our BSDIFF40 patch */
    @Benchmark
    public byte[] applyNative() {
        return bsdiff40.apply(oldFile, nativePatch, Limits.defaults());
    }
}
