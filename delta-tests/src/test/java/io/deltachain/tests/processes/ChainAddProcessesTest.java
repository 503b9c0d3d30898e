package io.deltachain.tests.processes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltachain.core.ChainStore;
import io.deltachain.core.DeltaChain;
import io.deltachain.core.Deltas;
import io.deltachain.core.DirectoryChainStore;
import io.deltachain.json.JsonFormats;
import io.deltachain.spi.StateFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code delta} command in two processes at once on one chain (its main class, started as
 * {@code ./delta} starts it): two {@code chain add} processes of 20 files each take turns through the
 * chain's lock and both succeed, and each line they print names the version that really holds its
 * file; one that cannot get the lock within {@code --lock-timeout} exits 1 naming the directory and
 * the holder's pid.
 */
class ChainAddProcessesTest {
    private static final int EACH = 20;
    private static final StateFormat<Map<String, Object>> JSON = JsonFormats.map();

    private static Map<String, Object> state(String writer, int n) {
        return Map.of("writer", writer, "n", n, "text", "version " + n + " of writer " + writer + " ".repeat(n % 7));
    }

    private static Path newChain(Path chain) {
        DeltaChain.builder(JSON).compressor(Deltas.compressor("dict", JSON)).snapshotEvery(5)
                .store(new DirectoryChainStore(chain)).build().add(state("base", 0));
        return chain;
    }

    @Test
    void twoChainAddProcessesOnOneChainTakeTurnsAndBothSucceed(@TempDir Path root) throws Exception {
        int trials = Soak.trials("pairs", 1);
        for (int t = 0; t < trials; t++) {
            Path work = Files.createDirectory(root.resolve("t" + t));
            Path chain = newChain(work.resolve("chain"));
            Map<String, ChildProcess> adds = new TreeMap<>();
            try (ChainStore.Writer held = new DirectoryChainStore(chain).lock()) {
                for (String writer : List.of("a", "b")) {
                    List<String> args = new ArrayList<>(List.of("chain", "add", "chain"));
                    for (int i = 0; i < EACH; i++) {
                        Files.write(work.resolve(writer + i + ".json"), JSON.toBytes(state(writer, i)));
                        args.add(writer + i + ".json");
                    }
                    adds.put(writer, ChildProcess.delta(work, args.toArray(String[]::new)));
                }
                for (ChildProcess add : adds.values()) {
                    add.awaitWaitingFor(chain.resolve("lock"));
                }
            }
            Map<String, List<String>> out = new TreeMap<>();
            for (Map.Entry<String, ChildProcess> e : adds.entrySet()) {
                try (ChildProcess add = e.getValue()) {
                    out.put(e.getKey(), add.rest());
                    assertEquals(0, add.exitCode(), "trial " + t + ", writer " + e.getKey() + ": " + add.stderr());
                    assertEquals("", add.stderr());
                }
            }
            DeltaChain<Map<String, Object>> reopened = DeltaChain.open(new DirectoryChainStore(chain), Deltas.registry(),
                    JSON);
            String[] owner = new String[1 + 2 * EACH];
            for (Map.Entry<String, List<String>> e : out.entrySet()) {
                List<String> lines = e.getValue();
                assertEquals(EACH, lines.size(), lines.toString());
                int last = 0;
                for (int i = 0; i < EACH; i++) {
                    assertTrue(lines.get(i).matches("version \\d+: dict, .*"), lines.get(i));
                    int index = Integer.parseInt(lines.get(i).substring(8, lines.get(i).indexOf(':')));
                    assertTrue(index > last && index < owner.length && owner[index] == null, "trial " + t + ": version "
                            + index + " said twice, or out of " + e.getKey() + "'s order: " + lines);
                    owner[index] = e.getKey();
                    assertEquals(SoakStates.sha256(JSON.toBytes(state(e.getKey(), i))),
                            SoakStates.sha256(JSON.toBytes(reopened.stateAt(index))),
                            "trial " + t + ": the line for " + e.getKey() + i + ".json names the version that holds it");
                    last = index;
                }
            }
            assertEquals(1 + 2 * EACH, reopened.length());
            assertTrue(reopened.verify().ok(), reopened.verify().problems().toString());
        }
    }

    @Test
    void aChainAddThatCannotGetTheLockExitsOneNamingTheDirectoryAndTheHolder(@TempDir Path work) throws Exception {
        Path chain = newChain(work.resolve("chain"));
        Files.write(work.resolve("next.json"), JSON.toBytes(state("next", 1)));
        try (ChainStore.Writer held = new DirectoryChainStore(chain).lock()) {
            long started = System.nanoTime();
            try (ChildProcess add = ChildProcess.delta(work, "chain", "add", "--lock-timeout", "500ms", chain.toString(),
                    "next.json")) {
                assertEquals(List.of(), add.rest());
                assertEquals(1, add.exitCode(), add.stderr());
                assertTrue(System.nanoTime() - started >= TimeUnit.MILLISECONDS.toNanos(500));
                String err = add.stderr();
                assertEquals(1, err.strip().lines().count(), err);
                assertTrue(err.startsWith("delta: chain " + chain + " is locked by process " + ProcessHandle.current().pid()
                        + " (waited 500 ms for " + chain.resolve("lock") + ")"), err);
            }
        }
        assertEquals(1, DeltaChain.open(new DirectoryChainStore(chain), Deltas.registry(), JSON).length(), "nothing added");
    }
}
