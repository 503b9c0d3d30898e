package io.deltachain.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The build's fuzzing pass: every target's seeds must be accepted, then a fixed number of seeded
 * mutations of them must each keep {@link Hostile}'s contract. The seed is the target's name, so a
 * failure reproduces from the test's name alone; {@code -Ddeltachain.fuzz.mutations=N} runs N per
 * target instead of the default, for a longer soak.
 */
class SeededMutationTest {
    /** Mutations per target and run; the store target, which writes files, gets a tenth. */
    static final int MUTATIONS = Integer.getInteger("deltachain.fuzz.mutations", 500);

    @TestFactory
    Stream<DynamicTest> everyTargetKeepsTheContractOnMutatedInputs() {
        return Targets.all().values().stream().map(t -> DynamicTest.dynamicTest(t.name(), () -> pass(t)));
    }

    private static void pass(FuzzTarget target) throws IOException {
        List<byte[]> seeds = target.seeds();
        assertTrue(!seeds.isEmpty(), target.name() + " has no seeds");
        for (byte[] seed : seeds) {
            assertTrue(Hostile.check(target, seed), target.name() + " refused one of its own seeds");
        }
        String corpus = System.getProperty("deltachain.fuzz.writeSeeds");
        if (corpus != null) { // refreshes the seeds Jazzer starts from: -Ddeltachain.fuzz.writeSeeds=DIR
            Path dir = Path.of(corpus, FuzzTargetsTest.methodName(target.name()));
            Files.createDirectories(dir);
            for (int i = 0; i < seeds.size(); i++) {
                Files.write(dir.resolve("seed-" + i), seeds.get(i));
            }
        }
        Mutations mutations = new Mutations(target.name().hashCode());
        int count = target instanceof StoreTarget ? Math.max(1, MUTATIONS / 10) : MUTATIONS;
        List<byte[]> pool = new ArrayList<>(seeds);
        for (int i = 0; i < count; i++) {
            byte[] input = mutations.mutate(pool.get(i % pool.size()));
            if (Hostile.check(target, input) && pool.size() < 64) {
                pool.add(input); // accepted mutants are seeds too: deeper paths
            }
        }
    }
}
