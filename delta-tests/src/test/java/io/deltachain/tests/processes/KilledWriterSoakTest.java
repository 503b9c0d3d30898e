package io.deltachain.tests.processes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltachain.api.Limits;
import io.deltachain.core.ChainManifest;
import io.deltachain.core.ChainVerification;
import io.deltachain.core.DeltaChain;
import io.deltachain.core.DeltaCompressor;
import io.deltachain.core.Deltas;
import io.deltachain.core.DirectoryChainStore;
import io.deltachain.core.StoreRecovery;
import io.deltachain.spi.StateFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code kill -9} of a writer process at a random moment of a 30-version append: the chain reopens,
 * verifies, and holds every version the writer acknowledged, hash for hash, plus at most the one it
 * was adding, whole; a reader sees that before any writer recovers it and writes nothing; the next
 * writer's recovery only cuts a torn tail (it drops no version a reader saw) and the chain takes the
 * next version. One trial in eight is killed within 50 ms of the writer's start, to land while the
 * chain is created (or in its first add, when creating took less).
 */
class KilledWriterSoakTest {
    private static final int VERSIONS = 30;
    private static final Pattern RECOVERY_ACTION = Pattern.compile(String.join("|",
            "removed manifest\\.json\\.tmp of an unfinished rewrite",
            "removed \\d{12}\\.(dseg|didx)(\\.tmp)?, left by an unfinished rewrite or not yet deleted",
            "truncated \\d{12}\\.didx from \\d+ to \\d+ bytes, dropping a torn entry",
            "truncated \\d{12}\\.dseg from \\d+ to \\d+ bytes, dropping data no whole index entry counts"
                    + "(: the whole frames of version \\d+, whose index entry was never written \\(an append cut off"
                    + " before it; or \\d{12}\\.didx was cut at an entry's boundary\\))?"));

    /** What the trials of one kind added up to, printed for docs/BENCHMARKS.md. */
    private static final class Tally {
        int trials;
        int acknowledged;
        int unacknowledgedWhole;
        int recovered;
        int beforeCreation;
        int finishedFirst;
    }

    @ParameterizedTest
    @EnumSource(SoakStates.class)
    void aKilledWriterLosesNothingItAcknowledged(SoakStates kind, @TempDir Path root) throws Exception {
        int trials = Soak.trials("kills", 2);
        Tally tally = new Tally();
        long started = System.nanoTime();
        for (int t = 0; t < trials; t++) {
            long seed = Soak.seed() + t;
            trial(kind, seed, Files.createDirectory(root.resolve("t" + t)), root, tally);
        }
        System.out.printf("kill soak %s: %d trials, %d acknowledged versions, 0 lost, %d unacknowledged versions"
                        + " found whole, %d recoveries that cut a torn tail, %d kills before the chain existed, %d writers"
                        + " finished before the kill, %.1f s%n", kind.name().toLowerCase(Locale.ROOT),
                tally.trials, tally.acknowledged, tally.unacknowledgedWhole, tally.recovered, tally.beforeCreation,
                tally.finishedFirst, (System.nanoTime() - started) / 1e9);
    }

    private void trial(SoakStates kind, long seed, Path dir, Path work, Tally tally) throws Exception {
        String where = kind + " trial seed " + seed + " (rerun with -Ddeltachain.soak.seed=" + seed
                + " -Ddeltachain.soak.kills=1)";
        List<byte[]> states = kind.canonical(seed, "w", VERSIONS + 1);
        Random random = new Random(seed);
        // about one kill in eight lands before the first acknowledgement: in creating the chain or its first add
        int waitFor = random.nextInt(8) == 0 ? 0 : 1 + random.nextInt(VERSIONS - 1);
        int acknowledged = 0;
        try (ChildProcess writer = ChildProcess.writer(work, "dir=" + dir, "kind=" + kind.name(), "seed=" + seed,
                "writer=w", "count=" + VERSIONS)) {
            writer.expect("ready ");
            long first = 0;
            for (int i = 0; i < waitFor; i++) {
                writer.expect("ack ");
                first = i == 0 ? System.nanoTime() : first;
            }
            // a moment within the next append: up to the mean time the appends after the first took; before
            // the first, within the 50 ms after "ready" (creating the chain takes four fsyncs and a rename)
            long mean = waitFor < 3 ? TimeUnit.MILLISECONDS.toNanos(waitFor == 0 ? 50 : 100)
                    : (System.nanoTime() - first) / (waitFor - 1);
            LockSupport.parkNanos((long) (random.nextDouble() * mean));
            writer.kill();
            writer.exitCode();
            for (String line : writer.rest()) {
                if (line.startsWith("done ")) {
                    tally.finishedFirst++;
                }
            }
            for (String line : writer.seen()) {
                if (line.startsWith("ack ")) {
                    String[] f = line.split(" ");
                    assertEquals(acknowledged, Integer.parseInt(f[1]), where + ": one writer's versions are numbered in order");
                    assertEquals(SoakStates.sha256(states.get(acknowledged)), f[2], where);
                    acknowledged++;
                }
            }
        }
        tally.trials++;
        tally.acknowledged += acknowledged;

        DirectoryChainStore reader = new DirectoryChainStore(dir);
        Map<String, Long> before = listing(dir);
        Optional<ChainManifest> seen = reader.readManifest();
        if (seen.isEmpty()) {
            assertEquals(0, acknowledged, where + ": no chain, yet versions were acknowledged");
            tally.beforeCreation++;
        } else {
            int length = seen.get().length();
            assertTrue(length == acknowledged || length == acknowledged + 1, where + ": " + acknowledged
                    + " acknowledged, the chain holds " + length);
            if (length > acknowledged) {
                tally.unacknowledgedWhole++;
            }
            assertHolds(kind.format(), reader, states, length, where + ", read before recovery");
        }
        assertEquals(before, listing(dir), where + ": a reader writes nothing");

        DirectoryChainStore next = new DirectoryChainStore(dir);
        StoreRecovery recovery = next.recover();
        for (String action : recovery.actions()) {
            assertTrue(RECOVERY_ACTION.matcher(action).matches(), where + ": recovery did more than cut a torn tail: "
                    + recovery.actions());
        }
        if (!recovery.isClean()) {
            tally.recovered++;
        }
        assertTrue(next.recover().isClean(), where + ": a second recovery finds nothing to do");
        int length = next.readManifest().map(ChainManifest::length).orElse(0);
        assertEquals(seen.map(ChainManifest::length).orElse(0), length, where + ": recovery dropped a version a reader saw");
        int added = addNext(kind.format(), kind, next, states.get(length));
        assertEquals(length, added, where + ": the next writer's version follows the last whole one");
        assertHolds(kind.format(), new DirectoryChainStore(dir), states, length + 1, where + ", after the next writer");
    }

    private static <S> void assertHolds(StateFormat<S> format, DirectoryChainStore store, List<byte[]> states,
                                        int length, String where) {
        DeltaChain<S> chain = DeltaChain.open(store, Deltas.registry(), format);
        assertEquals(length, chain.length(), where);
        for (int v = 0; v < length; v++) {
            assertEquals(SoakStates.sha256(states.get(v)), SoakStates.sha256(format.toBytes(chain.stateAt(v))),
                    where + ": version " + v);
        }
        ChainVerification verification = DeltaChain.verify(store, Deltas.registry(), Limits.defaults());
        assertTrue(verification.ok(), where + ": " + verification.problems());
        assertEquals(length, verification.versionsChecked(), where);
    }

    private static <S> int addNext(StateFormat<S> format, SoakStates kind, DirectoryChainStore store, byte[] state) {
        DeltaChain<S> chain = DeltaChain.builder(format)
                .compressor(DeltaCompressor.builder(format).strategy(kind.strategy()).build()).snapshotEvery(8)
                .store(store).openOrCreate();
        return chain.add(format.fromBytes(state, Limits.defaults()));
    }

    /** @return every file of {@code dir} but the lock, with its size */
    private static Map<String, Long> listing(Path dir) throws IOException {
        Map<String, Long> out = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (!f.getFileName().toString().equals("lock")) {
                    out.put(f.getFileName().toString(), Files.size(f));
                }
            }
        }
        return out;
    }
}
