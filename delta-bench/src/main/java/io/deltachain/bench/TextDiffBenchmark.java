package io.deltachain.bench;

import com.github.difflib.DiffUtils;
import com.github.difflib.algorithm.myers.MeyersDiff;
import io.deltachain.api.StateFormats;
import io.deltachain.spi.DeltaStrategy;
import io.deltachain.strategy.text.LineDiffAlgorithm;
import io.deltachain.strategy.text.TextStrategy;
import io.deltachain.strategy.text.UnifiedDiff;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.HistogramDiff;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;
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
 * The {@code text} strategy's line diff beside JGit's {@code HistogramDiff}, in process, on the inputs
 * of {@link TextPairs}. Each side starts from the two files' bytes: ours splits, interns and diffs
 * (and encodes its record payload, or writes the unified diff); JGit builds its {@code RawText} line
 * index, hashes and diffs. java-diff-utils' Myers runs in {@link DiffUtilsBenchmark} (it takes seconds
 * where these take milliseconds).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
@Warmup(iterations = 10)
@Measurement(iterations = 15)
public class TextDiffBenchmark {
    @Param({"lines-100k", "lines-1m", "unrelated-30k"})
    public String pair;

    private byte[] oldFile;
    private byte[] newFile;
    private final DeltaStrategy<byte[]> text = new TextStrategy().on(StateFormats.bytes()).orElseThrow();
    private final UnifiedDiff unified = UnifiedDiff.standard();

    /** Makes the inputs. */
    @Setup(Level.Trial)
    public void setUp() {
        byte[][] files = TextPairs.named(pair);
        oldFile = files[0];
        newFile = files[1];
    }

    /** @return our record payload (diff + hunks without context) */
    @Benchmark
    public byte[] oursRecordPayload() {
        return text.diff(oldFile, newFile);
    }

    /** @return our unified diff at -U3 */
    @Benchmark
    public byte[] oursUnifiedDiff() {
        return unified.diffBytes(oldFile, newFile);
    }

    /** @return JGit's edit list */
    @Benchmark
    public EditList jgitHistogramDiff() {
        return new HistogramDiff().diff(RawTextComparator.DEFAULT, new RawText(oldFile), new RawText(newFile));
    }

    /** java-diff-utils 4.12's Myers, only where it finishes in seconds. */
    @State(Scope.Benchmark)
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Fork(value = 1, jvmArgsAppend = {"-Xmx8g"})
    @Warmup(iterations = 1)
    @Measurement(iterations = 3)
    public static class DiffUtilsBenchmark {
        @Param({"lines-100k"})
        public String pair;

        private List<String> oldLines;
        private List<String> newLines;

        /** Makes the inputs as line lists (not timed). */
        @Setup(Level.Trial)
        public void setUp() {
            byte[][] files = TextPairs.named(pair);
            oldLines = Arrays.asList(new String(files[0], StandardCharsets.UTF_8).split("\n", -1));
            newLines = Arrays.asList(new String(files[1], StandardCharsets.UTF_8).split("\n", -1));
        }

        /** @return java-diff-utils' Myers patch */
        @Benchmark
        public Object diffUtilsMyers() {
            return DiffUtils.diff(oldLines, newLines, new MeyersDiff<>());
        }

        /** @return the same lists through our algorithm behind java-diff-utils' DiffAlgorithmI */
        @Benchmark
        public Object diffUtilsWithOurAlgorithm() {
            return DiffUtils.diff(oldLines, newLines, new LineDiffAlgorithm<>());
        }
    }
}
