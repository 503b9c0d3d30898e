package io.deltachain.bench;

import io.deltachain.codec.gzip.GzipCodec;
import io.deltachain.spi.Codec;
import io.deltachain.spi.Limits;
import io.deltachain.spi.NativeFormat;
import io.deltachain.strategy.bsdiff.BsdiffStrategy;
import io.sigpipe.jbsdiff.Diff;
import io.sigpipe.jbsdiff.InvalidHeaderException;
import io.sigpipe.jbsdiff.Patch;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.compressors.CompressorException;
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
 * bsdiff side by side: our record path (payload + gzip codec), our native BSDIFF40 path (bzip2
 * included) and jbsdiff 1.0, diff and apply, on pairs the benchmark makes itself. Single-shot,
 * because the slow peers take seconds per operation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
@Warmup(iterations = 1)
@Measurement(iterations = 3)
public class BsdiffBenchmark {
    @Param({"structured-2m", "structured-16m"})
    public String pair;

    private byte[] oldFile;
    private byte[] newFile;
    private final BsdiffStrategy ours = new BsdiffStrategy();
    private final NativeFormat<byte[]> bsdiff40 = ours.nativeFormat().orElseThrow();
    private final Codec gzip = new GzipCodec();
    private byte[] recordPayload;
    private byte[] nativePatch;
    private byte[] jbsdiffPatch;

    /** Makes the inputs and the patches that the apply benchmarks read. */
    @Setup(Level.Trial)
    public void setUp() throws IOException, CompressorException, InvalidHeaderException {
        byte[][] files = Pairs.named(pair);
        oldFile = files[0];
        newFile = files[1];
        recordPayload = gzip.encode(ours.diff(oldFile, newFile), gzip.defaultLevel());
        nativePatch = bsdiff40.diff(oldFile, newFile);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Diff.diff(oldFile, newFile, out);
        jbsdiffPatch = out.toByteArray();
    }

    /** @return our record payload, gzip'd as a record stores it */
    @Benchmark
    public byte[] diffRecordOurs() {
        return gzip.encode(ours.diff(oldFile, newFile), gzip.defaultLevel());
    }

    /** @return our BSDIFF40 patch */
    @Benchmark
    public byte[] diffNativeOurs() {
        return bsdiff40.diff(oldFile, newFile);
    }

    /** @return jbsdiff's BSDIFF40 patch */
    @Benchmark
    public byte[] diffJbsdiff() throws IOException, CompressorException, InvalidHeaderException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Diff.diff(oldFile, newFile, out);
        return out.toByteArray();
    }

    /** @return the new file from our record payload */
    @Benchmark
    public byte[] applyRecordOurs() {
        return ours.apply(oldFile, gzip.decode(recordPayload, Limits.defaults()), Limits.defaults());
    }

    /** @return the new file from our BSDIFF40 patch */
    @Benchmark
    public byte[] applyNativeOurs() {
        return bsdiff40.apply(oldFile, nativePatch, Limits.defaults());
    }

    /** @return the new file from jbsdiff's patch, by jbsdiff */
    @Benchmark
    public byte[] applyJbsdiff() throws IOException, CompressorException, InvalidHeaderException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(newFile.length);
        Patch.patch(oldFile, jbsdiffPatch, out);
        return out.toByteArray();
    }
}
