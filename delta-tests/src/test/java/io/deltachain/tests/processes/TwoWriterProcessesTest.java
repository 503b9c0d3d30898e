package io.deltachain.tests.processes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltachain.api.Limits;
import io.deltachain.core.ChainStore;
import io.deltachain.core.ChainVerification;
import io.deltachain.core.DeltaChain;
import io.deltachain.core.DeltaCompressor;
import io.deltachain.core.Deltas;
import io.deltachain.core.DirectoryChainStore;
import io.deltachain.spi.StateFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two writer processes append 20 versions each to one chain at once (released together: this test
 * holds the chain's lock until both wait for it): both exit 0, the chain holds version 0 and the 40,
 * every acknowledged index holds the state that writer added there, each writer's states appear once
 * and in its own order, and the chain verifies. JSON in even trials, binary in odd ones. (Two
 * {@link DeltaChain} objects over one directory in one process: delta-core's ConcurrentWritersTest.)
 */
class TwoWriterProcessesTest {
    private static final int EACH = 20;
    private static final List<String> WRITERS = List.of("a", "b");

    @Test
    void twoWriterProcessesOnOneChainBothSucceedAndLoseNothing(@TempDir Path root) throws Exception {
        int trials = Soak.trials("pairs", 1);
        long started = System.nanoTime();
        int turns = 0;
        int fewest = Integer.MAX_VALUE;
        for (int t = 0; t < trials; t++) {
            SoakStates kind = t % 2 == 0 ? SoakStates.JSON : SoakStates.BINARY;
            int runs = trial(kind, kind.format(), Soak.seed() + t, Files.createDirectory(root.resolve("t" + t)), root);
            turns += runs;
            fewest = Math.min(fewest, runs);
        }
        System.out.printf("two writer processes: %d trials, %d versions acknowledged in each, 0 lost, 0 duplicated;"
                + " runs of one writer's versions in the chain: %.1f on average, %d at the fewest; %.1f s%n", trials,
                2 * EACH, (double) turns / trials, fewest, (System.nanoTime() - started) / 1e9);
    }

    /** @return how many runs of one writer's versions the chain holds (2: they did not interleave) */
    private <S> int trial(SoakStates kind, StateFormat<S> format, long seed, Path dir, Path work) throws Exception {
        String where = kind + " trial seed " + seed + " (rerun with -Ddeltachain.soak.seed=" + seed
                + " -Ddeltachain.soak.pairs=1)";
        DeltaCompressor<S> compressor = DeltaCompressor.builder(format).strategy(kind.strategy()).build();
        byte[] base = kind.canonical(seed, "base", 1).get(0);
        DeltaChain.builder(format).compressor(compressor).snapshotEvery(5).store(new DirectoryChainStore(dir)).build()
                .add(format.fromBytes(base, Limits.defaults()));
        Map<String, ChildProcess> writers = new TreeMap<>();
        try (ChainStore.Writer held = new DirectoryChainStore(dir).lock()) {
            for (String name : WRITERS) {
                writers.put(name, ChildProcess.writer(work, "dir=" + dir, "kind=" + kind.name(), "seed=" + seed,
                        "writer=" + name, "count=" + EACH, "snapshotEvery=5", "lockTimeoutMs=120000"));
            }
            for (ChildProcess w : writers.values()) {
                w.expect("ready ");
                w.awaitWaitingFor(dir.resolve("lock"));
            }
        }
        String[] owner = new String[1 + 2 * EACH];
        owner[0] = "base";
        Map<String, List<String>> out = new TreeMap<>();
        for (String name : WRITERS) {
            try (ChildProcess w = writers.get(name)) {
                out.put(name, w.rest());
                assertEquals(0, w.exitCode(), where + ": writer " + name + " failed: " + w.stderr());
                assertEquals("", w.stderr(), where + ": writer " + name);
            }
        }
        DeltaChain<S> chain = DeltaChain.open(new DirectoryChainStore(dir), Deltas.registry(), format);
        for (String name : WRITERS) {
            List<byte[]> states = kind.canonical(seed, name, EACH);
            List<String> acks = out.get(name).stream().filter(l -> l.startsWith("ack ")).toList();
            assertEquals(EACH, acks.size(), where + ": writer " + name + " said " + out.get(name));
            int last = 0;
            for (int i = 0; i < EACH; i++) {
                String[] f = acks.get(i).split(" ");
                int index = Integer.parseInt(f[1]);
                assertTrue(index > last, where + ": writer " + name + "'s versions in its own order: " + acks);
                assertEquals(SoakStates.sha256(states.get(i)), f[2], where);
                assertTrue(index < owner.length && owner[index] == null, where + ": version " + index
                        + " acknowledged to " + name + " and " + (index < owner.length ? owner[index] : "nobody"));
                owner[index] = name;
                assertEquals(f[2], SoakStates.sha256(format.toBytes(chain.stateAt(index))),
                        where + ": version " + index + " holds what " + name + " added there");
                last = index;
            }
        }
        assertEquals(1 + 2 * EACH, chain.length(), where + ": nothing lost, nothing more");
        assertEquals(SoakStates.sha256(base), SoakStates.sha256(format.toBytes(chain.stateAt(0))), where);
        ChainVerification verification = chain.verify();
        assertTrue(verification.ok(), where + ": " + verification.problems());
        List<String> runs = new ArrayList<>();
        for (int v = 1; v < owner.length; v++) {
            if (runs.isEmpty() || !runs.get(runs.size() - 1).equals(owner[v])) {
                runs.add(owner[v]);
            }
        }
        return runs.size();
    }
}
