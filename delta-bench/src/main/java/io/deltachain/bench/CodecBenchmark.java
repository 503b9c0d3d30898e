package io.deltachain.bench;

import com.github.luben.zstd.Zstd;
import io.deltachain.api.Limits;
import io.deltachain.codec.gzip.GzipCodec;
import io.deltachain.codec.zstd.ZstdCodec;
import io.deltachain.spi.Codec;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
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
 * Decoding under the limits (the trailer's or frame's claim checked, one exact output array, the
 * expansion ratio and the free heap checked) beside the unchecked decoders the codecs wrap:
 * {@link GZIPInputStream#readAllBytes()} and zstd-jni's {@link Zstd#decompress(byte[], int)}
 * given the size. Inputs: the new file of a benchmark pair ({@link Pairs}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class CodecBenchmark {
    @Param({"structured-16m", "periodic-16m"})
    public String pair;

    private final Codec gzip = new GzipCodec();
    private final Codec zstd = new ZstdCodec();
    private final Limits limits = Limits.defaults();
    private byte[] raw;
    private byte[] gzipped;
    private byte[] zstded;

    /** Encodes the pair's new file with both codecs at their default levels. */
    @Setup(Level.Trial)
    public void setUp() {
        raw = Pairs.named(pair)[1];
        gzipped = gzip.encode(raw, gzip.defaultLevel());
        zstded = zstd.encode(raw, zstd.defaultLevel());
    }

    /** @return ours: gzip under the limits */
    @Benchmark
    public byte[] gzipDecode() {
        return gzip.decode(gzipped, limits);
    }

    /** @return the peer: the JDK's GZIPInputStream, no limit */
    @Benchmark
    public byte[] gzipJdk() throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped), 64 << 10)) {
            return in.readAllBytes();
        }
    }

    /** @return ours: zstd under the limits */
    @Benchmark
    public byte[] zstdDecode() {
        return zstd.decode(zstded, limits);
    }

    /** @return the peer: zstd-jni told the size, no check */
    @Benchmark
    public byte[] zstdJni() {
        return Zstd.decompress(zstded, raw.length);
    }
}
