package io.deltachain.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays the regression inputs of every target (the files Jazzer reads in regression mode, under
 * {@code FuzzTargetsTestInputs/METHOD/}) in a plain JUnit run: Jazzer's own runner instruments the
 * class path first, which costs more than the build's budget for fuzzing allows, so the build replays
 * them here and {@code -Pfuzz} runs {@link FuzzTargetsTest} itself.
 */
class CorpusReplayTest {
    @TestFactory
    Stream<DynamicTest> everyRegressionInputKeepsTheContract() throws IOException, URISyntaxException {
        URL root = CorpusReplayTest.class.getResource("FuzzTargetsTestInputs");
        assertTrue(root != null, "the regression inputs are on the test class path");
        Path dir = Path.of(root.toURI());
        List<Path> inputs;
        try (Stream<Path> walk = Files.walk(dir)) {
            inputs = walk.filter(Files::isRegularFile).sorted().toList();
        }
        assertTrue(!inputs.isEmpty(), "regression inputs exist under " + dir);
        return inputs.stream().map(p -> DynamicTest.dynamicTest(dir.relativize(p).toString(), () -> {
            String method = p.getParent().getFileName().toString();
            FuzzTarget target = Targets.all().values().stream()
                    .filter(t -> Targets.methodName(t.name()).equals(method)).findFirst()
                    .orElseThrow(() -> new AssertionError("no target for the inputs of " + method));
            Hostile.check(target, Files.readAllBytes(p));
        }));
    }
}
