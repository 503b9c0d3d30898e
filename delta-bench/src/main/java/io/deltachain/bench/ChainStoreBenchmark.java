package io.deltachain.bench;

import io.deltachain.core.DeltaChain;
import io.deltachain.core.FsyncPolicy;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The directory chain store, in process ({@code java -jar benchmarks.jar ChainStoreBenchmark}):
 * <ul>
 *   <li>{@link #randomRead}: one random version of a 1,000-version chain, read from a chain object
 *       opened just before (untimed), so nothing of the chain is cached but the operating system's
 *       page cache; store format 2 beside format 1 (the same records and snapshots, laid out one file
 *       each as format 1 did, read by this build's format 1 reader). Sampled: JMH prints the median
 *       ({@code p0.50}) and the worst ({@code p1.00});</li>
 *   <li>{@link #append}: versions appended per second to a directory chain under each fsync policy,
 *       each iteration on a new chain (the read-back check, the writer lock and its recovery check
 *       included, as every {@code DeltaChain.add} does them).</li>
 * </ul>
 * Chains come from {@link ChainFixtures}: built once, cached under {@code delta-bench/target/chains}.
 */
@Fork(1)
public class ChainStoreBenchmark {
    /** A 1,000-version chain in one store format, and a chain object opened on it before each read. */
    @State(Scope.Thread)
    public static class Reader {
        /** Store format 2 (segment and index) or 1 (a file per record and snapshot). */
        @Param({"2", "1"})
        public int format;

        static final int VERSIONS = 1_000;
        private final SplittableRandom random = new SplittableRandom(19);
        private Path dir;
        DeltaChain<Map<String, Object>> chain;
        int version;

        /** Builds the chain unless cached, and checks one version against what was added. */
        @Setup(Level.Trial)
        public void chain() {
            dir = format == 2 ? ChainFixtures.format2(VERSIONS) : ChainFixtures.format1(VERSIONS);
            DeltaChain<Map<String, Object>> check = ChainFixtures.open(dir);
            if (check.length() != VERSIONS || !ChainFixtures.sameState(check.stateAt(517), ChainFixtures.state(517))) {
                throw new IllegalStateException(dir + " does not hold the versions it was built with");
            }
        }

        /** Opens the chain afresh (untimed) and picks the version the next read asks for. */
        @Setup(Level.Invocation)
        public void openAndPick() {
            chain = ChainFixtures.open(dir);
            version = random.nextInt(VERSIONS);
        }
    }

    /** @return a random version's state, the chain object opened just before */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @Warmup(iterations = 3, time = 2)
    @Measurement(iterations = 5, time = 2)
    public Map<String, Object> randomRead(Reader r) {
        return r.chain.stateAt(r.version);
    }

    /** A new chain per iteration, on the disk under {@code delta-bench/target/chains}, with one fsync policy. */
    @State(Scope.Thread)
    public static class Appender {
        /** {@code always}, {@code every-32} ({@code FsyncPolicy.everyRecords(32)}) or {@code never}. */
        @Param({"always", "every-32", "never"})
        public String fsync;

        private Path dir;
        DeltaChain<Map<String, Object>> chain;
        int next;

        /** Starts a new chain holding version 0. */
        @Setup(Level.Iteration)
        public void newChain() {
            FsyncPolicy policy = switch (fsync) {
                case "always" -> FsyncPolicy.always();
                case "every-32" -> FsyncPolicy.everyRecords(32);
                case "never" -> FsyncPolicy.never();
                default -> throw new IllegalArgumentException("fsync " + fsync);
            };
            dir = ChainFixtures.root().resolve("append-" + fsync);
            ChainFixtures.deleteTree(dir);
            chain = ChainFixtures.create(dir, policy);
            chain.add(ChainFixtures.state(0));
            next = 1;
        }

        /** Removes the iteration's chain. */
        @TearDown(Level.Iteration)
        public void removeChain() {
            chain = null;
            ChainFixtures.deleteTree(dir);
        }
    }

    /** @return the index of the version appended */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Warmup(iterations = 2, time = 2)
    @Measurement(iterations = 5, time = 2)
    public int append(Appender a) {
        return a.chain.add(ChainFixtures.state(a.next++));
    }
}
