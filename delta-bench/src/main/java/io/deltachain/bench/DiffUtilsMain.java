package io.deltachain.bench;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A java-diff-utils process, the peer of {@code delta diff -s text --raw} in {@link TextProcessPeers}:
 * reads two files as lines, diffs them with java-diff-utils' default algorithm (Myers) and writes the
 * unified diff with three lines of context, as a program built on the library would.
 *
 * <pre>java -cp delta-bench/target/benchmarks.jar io.deltachain.bench.DiffUtilsMain OLD NEW OUT</pre>
 */
public final class DiffUtilsMain {
    private DiffUtilsMain() {
    }

    /**
     * @param args OLD, NEW, OUT
     * @throws IOException when a file cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        List<String> a = Files.readAllLines(Path.of(args[0]));
        List<String> b = Files.readAllLines(Path.of(args[1]));
        Patch<String> patch = DiffUtils.diff(a, b);
        Files.write(Path.of(args[2]), UnifiedDiffUtils.generateUnifiedDiff(args[0], args[1], a, patch, 3));
    }
}
