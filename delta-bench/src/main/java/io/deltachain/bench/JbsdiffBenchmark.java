package io.deltachain.bench;

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
 * jbsdiff 1.0 called directly, on the same inputs as {@link BsdiffBenchmark}, single-shot because a
 * 16 MiB diff takes seconds. The zero-filled pair is left out: jbsdiff's suffix sort degrades on it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
@Warmup(iterations = 1)
@Measurement(iterations = 3)
public class JbsdiffBenchmark {
    @Param({"structured-2m", "structured-16m", "release-tar", "release-jar", "random-2m"})
    public String pair;

    private byte[] oldFile;
    private byte[] newFile;
    private byte[] patch;

    /** Makes the inputs and jbsdiff's patch. */
    @Setup(Level.Trial)
    public void setUp() throws IOException, CompressorException, InvalidHeaderException {
        byte[][] files = Pairs.named(pair);
        oldFile = files[0];
        newFile = files[1];
        patch = diff();
    }

    /** @return jbsdiff's BSDIFF40 patch */
    @Benchmark
    public byte[] diff() throws IOException, CompressorException, InvalidHeaderException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Diff.diff(oldFile, newFile, out);
        return out.toByteArray();
    }

    /** @return the new file, by jbsdiff */
    @Benchmark
    public byte[] apply() throws IOException, CompressorException, InvalidHeaderException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(newFile.length);
        Patch.patch(oldFile, patch, out);
        return out.toByteArray();
    }
}
