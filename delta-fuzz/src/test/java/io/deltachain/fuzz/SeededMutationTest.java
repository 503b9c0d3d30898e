package io.deltachain.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The build's fuzzing passes: every target's seeds must be accepted, then a fixed number of seeded
 * mutations of them must each keep {@link Hostile}'s contract — once under the small
 * {@link Hostile#LIMITS}, once under the default limits with the allocation bound taken from the
 * input's and base's sizes alone ({@link Hostile#checkUnderDefaults}). The seed is the target's name,
 * so a failure reproduces from the test's name alone; {@code -Ddeltachain.fuzz.mutations=N} and
 * {@code -Ddeltachain.fuzz.defaultMutations=N} run N per target instead of the defaults, for a
 * longer soak.
 */
class SeededMutationTest {
    /** Mutations per target and run under the small limits; the store target, which writes files, gets a tenth. */
    static final int MUTATIONS = Integer.getInteger("deltachain.fuzz.mutations", 500);
    /** Mutations per target and run under the default limits, where an accepted claim costs real memory. */
    static final int DEFAULT_LIMITS_MUTATIONS = Integer.getInteger("deltachain.fuzz.defaultMutations", 150);

    @TestFactory
    Stream<DynamicTest> everyTargetKeepsTheContractOnMutatedInputs() {
        return Targets.all().values().stream().map(t -> DynamicTest.dynamicTest(t.name(),
                () -> pass(t, MUTATIONS, 0, Hostile::check)));
    }

    @TestFactory
    Stream<DynamicTest> everyTargetAllocatesWithinTheExpansionRatioUnderTheDefaultLimits() {
        return Targets.all().values().stream().map(t -> DynamicTest.dynamicTest(t.name(),
                () -> pass(t, DEFAULT_LIMITS_MUTATIONS, 1, Hostile::checkUnderDefaults)));
    }

    /** Seeds, then {@code mutations} mutants from a generator seeded by the target's name and {@code pass}. */
    private static void pass(FuzzTarget target, int mutations, int pass, BiPredicate<FuzzTarget, byte[]> check)
            throws IOException {
        List<byte[]> seeds = target.seeds();
        assertTrue(!seeds.isEmpty(), target.name() + " has no seeds");
        for (byte[] seed : seeds) {
            assertTrue(check.test(target, seed), target.name() + " refused one of its own seeds");
        }
        String corpus = System.getProperty("deltachain.fuzz.writeSeeds");
        if (corpus != null && pass == 0) { // refreshes the seeds Jazzer starts from: -Ddeltachain.fuzz.writeSeeds=DIR
            Path dir = Path.of(corpus, Targets.methodName(target.name()));
            Files.createDirectories(dir);
            for (int i = 0; i < seeds.size(); i++) {
                Files.write(dir.resolve("seed-" + i), seeds.get(i));
            }
        }
        Mutations generator = new Mutations(target.name().hashCode() + 0x9E3779B97F4A7C15L * pass); // pass 0: as before
        int count = target instanceof StoreTarget ? Math.max(1, mutations / 10) : mutations;
        List<byte[]> pool = new ArrayList<>(seeds);
        for (int i = 0; i < count; i++) {
            byte[] input = generator.mutate(pool.get(i % pool.size()));
            if (check.test(target, input) && pool.size() < 64) {
                pool.add(input); // accepted mutants are seeds too: deeper paths
            }
        }
    }
}
