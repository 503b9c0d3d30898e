package io.deltachain.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltachain.api.DeltaRegistry;
import io.deltachain.api.Limits;
import io.deltachain.api.StateFormats;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Readers take no lock, so {@code verify} of a healthy chain that a writer appends to and rewrites
 * meanwhile must find no fault (the breaker's repro: {@code delta chain verify} looping beside
 * {@code delta chain add} reported entries past the head and generations gone, and exited 1). Each
 * verifier opens its own store, as another process would.
 */
class VerifyDuringAppendsTest {
    private final DeltaRegistry registry = Fixtures.registry(new Fixtures.SuffixStrategy("suffix"));

    @Test
    void verifyFindsNoFaultInAChainThatIsAppendedToAndRewrittenMeanwhile(@TempDir Path dir) throws Exception {
        // fsync never: appends as fast as they come, the widest window between a frame and its entry; the
        // rebase policy rewrites the chain (a new generation) every 12 versions
        DeltaChain<String> writer = DeltaChain.builder(StateFormats.utf8())
                .compressor(DeltaCompressor.builder(StateFormats.utf8()).registry(registry).strategy("suffix").build())
                .snapshotEvery(5).policy(ChainPolicy.rebaseAfter(12))
                .store(new DirectoryChainStore(dir, Limits.defaults(), FsyncPolicy.never(),
                        ChainStore.DEFAULT_LOCK_TIMEOUT)).build();
        writer.add("version 0");
        AtomicBoolean done = new AtomicBoolean();
        AtomicInteger runs = new AtomicInteger();
        List<String> faults = Collections.synchronizedList(new ArrayList<>());
        List<Thread> verifiers = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            Thread v = new Thread(() -> {
                while (!done.get()) {
                    ChainVerification result = DeltaChain.verify(new DirectoryChainStore(dir), registry, Limits.defaults());
                    runs.incrementAndGet();
                    if (!result.ok()) {
                        faults.add(result.problems().toString());
                    }
                }
            });
            v.start();
            verifiers.add(v);
        }
        int appends = Integer.getInteger("deltachain.verifyAppends", 300); // the soak: -Ddeltachain.verifyAppends=5000
        for (int i = 1; i < appends; i++) {
            writer.add("version " + i + " " + "x".repeat(i % 50));
        }
        done.set(true);
        for (Thread v : verifiers) {
            v.join();
        }
        System.out.println("VerifyDuringAppendsTest: " + runs.get() + " verifications during " + (appends - 1) + " appends, "
                + faults.size() + " with faults");
        assertTrue(runs.get() > 10, "the verifiers ran: " + runs.get());
        assertEquals(List.of(), faults.subList(0, Math.min(3, faults.size())), faults.size() + " of " + runs.get()
                + " verifications found faults in a healthy chain");
        assertTrue(DeltaChain.verify(new DirectoryChainStore(dir), registry, Limits.defaults()).ok());
    }
}
