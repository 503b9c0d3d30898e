package io.deltachain.store.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltachain.core.ChainManifest;
import io.deltachain.core.ChainStore;
import io.deltachain.core.ChainStoreException;
import io.deltachain.core.InMemoryChainStore;
import io.deltachain.core.StoreRecovery;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The contract bites: stores that each break one promise, run through the JUnit Platform launcher, fail
 * the check of that promise (and a correct store passes it). The fixtures are {@code @Disabled} nested
 * classes, so neither Surefire nor an IDE runs them; the launcher here runs them with the disabled
 * condition switched off, one check at a time.
 */
class ContractCatchesBrokenStoresTest {
    @Test
    void aStoreThatAcceptsStaleAppendsFails() {
        assertFails(StaleAppendsAccepted.class, "anAppendThatDoesNotFollowTheStoredHeadIsRefusedAndChangesNothing",
                "Expected io.deltachain.core.ConcurrentAppendException to be thrown");
    }

    @Test
    void aStoreThatNeverBumpsTheGenerationFails() {
        assertFails(GenerationNeverBumped.class, "aReplaceBumpsTheGenerationAndReplacesEveryVersion", "generation 0 then 0");
        assertFails(GenerationNeverBumped.class, "aRewriteByAnotherWriterIsSeenEvenWhenTheLengthIsUnchanged",
                "cannot be read");
    }

    @Test
    void aStoreWhoseLockExcludesNobodyFails() {
        assertFails(LockExcludesNobody.class, "aSecondWriterGivesUpWithChainLockedExceptionWhileTheFirstHoldsTheLock",
                "Expected io.deltachain.core.ChainLockedException to be thrown");
    }

    @Test
    void aStoreThatHandsOutItsOwnArraysFails() {
        assertFails(SharesArrays.class, "arraysAreCopiedInAndOut", "the store keeps what was appended");
    }

    @Test
    void aStoreThatReadsAMissingSnapshotAsEmptyFails() {
        assertFails(MissingSnapshotReadsEmpty.class, "readsOfVersionsTheStoreDoesNotHoldFailWithChainStoreException",
                "version 1 has no snapshot");
    }

    @Test
    void theForwardingStoreItselfPassesEveryCheckTheOthersFail() {
        for (String check : new String[] {"anAppendThatDoesNotFollowTheStoredHeadIsRefusedAndChangesNothing",
                "aReplaceBumpsTheGenerationAndReplacesEveryVersion",
                "aRewriteByAnotherWriterIsSeenEvenWhenTheLengthIsUnchanged",
                "aSecondWriterGivesUpWithChainLockedExceptionWhileTheFirstHoldsTheLock", "arraysAreCopiedInAndOut",
                "readsOfVersionsTheStoreDoesNotHoldFailWithChainStoreException"}) {
            TestExecutionResult result = run(Forwarding.class, check);
            assertEquals(TestExecutionResult.Status.SUCCESSFUL, result.getStatus(), check + ": " + result);
        }
    }

    private static void assertFails(Class<? extends ChainStoreContract> fixture, String check, String because) {
        TestExecutionResult result = run(fixture, check);
        assertEquals(TestExecutionResult.Status.FAILED, result.getStatus(), fixture.getSimpleName() + "." + check);
        String message = result.getThrowable().map(String::valueOf).orElse("");
        assertTrue(message.contains(because), () -> fixture.getSimpleName() + "." + check + " failed for another reason: "
                + message);
    }

    private static TestExecutionResult run(Class<?> fixture, String check) {
        Map<String, TestExecutionResult> results = new HashMap<>();
        TestExecutionListener listener = new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                test.getSource().filter(MethodSource.class::isInstance).map(MethodSource.class::cast)
                        .ifPresent(method -> results.put(method.getMethodName(), result));
            }
        };
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                .selectors(DiscoverySelectors.selectMethod(fixture, check))
                .configurationParameter("junit.jupiter.conditions.deactivate", "org.junit.*DisabledCondition")
                .build(), listener);
        TestExecutionResult result = results.get(check);
        assertTrue(result != null, () -> check + " did not run on " + fixture.getSimpleName() + ": " + results);
        return result;
    }

    // ------------------------------------------------------------------ the stores

    /** An in-memory store behind a layer that forwards every call; each broken store overrides one. */
    static class ForwardingStore implements ChainStore {
        final InMemoryChainStore inner = new InMemoryChainStore();

        @Override
        public Optional<ChainManifest> readManifest() {
            return inner.readManifest();
        }

        @Override
        public byte[] readRecord(int index) {
            return inner.readRecord(index);
        }

        @Override
        public byte[] readSnapshot(int index) {
            return inner.readSnapshot(index);
        }

        @Override
        public SortedSet<Integer> snapshotIndices() {
            return inner.snapshotIndices();
        }

        @Override
        public long storedBytes() {
            return inner.storedBytes();
        }

        @Override
        public Writer lock(Duration timeout) {
            return new ForwardingWriter(inner.lock(timeout));
        }
    }

    /** Forwards every call to a writer of the inner store. */
    static class ForwardingWriter implements ChainStore.Writer {
        final ChainStore.Writer inner;

        ForwardingWriter(ChainStore.Writer inner) {
            this.inner = inner;
        }

        @Override
        public StoreRecovery recovery() {
            return inner.recovery();
        }

        @Override
        public Optional<ChainManifest> manifest() {
            return inner.manifest();
        }

        @Override
        public ChainManifest create(ChainManifest manifest) {
            return inner.create(manifest);
        }

        @Override
        public ChainManifest append(ChainManifest next, byte[] recordWire, byte[] snapshotOrNull) {
            return inner.append(next, recordWire, snapshotOrNull);
        }

        @Override
        public ChainManifest replace(ChainManifest manifest, SortedMap<Integer, byte[]> snapshots,
                                     SortedMap<Integer, byte[]> records) {
            return inner.replace(manifest, snapshots, records);
        }

        @Override
        public void close() {
            inner.close();
        }
    }

    /** Appends whatever it is given after the stored head, whatever head the writer saw. */
    static final class AcceptsStaleAppends extends ForwardingStore {
        @Override
        public Writer lock(Duration timeout) {
            return new ForwardingWriter(inner.lock(timeout)) {
                @Override
                public ChainManifest append(ChainManifest next, byte[] recordWire, byte[] snapshotOrNull) {
                    ChainManifest head = inner.manifest().orElseThrow();
                    return inner.append(head.withLength(head.length() + 1), recordWire, snapshotOrNull);
                }
            };
        }
    }

    /** Shows every manifest as generation 0, so a rewrite at the same length looks like no change. */
    static final class NeverBumpsTheGeneration extends ForwardingStore {
        private static final Function<ChainManifest, ChainManifest> ZERO = m -> m.withGeneration(0);

        @Override
        public Optional<ChainManifest> readManifest() {
            return inner.readManifest().map(ZERO);
        }

        @Override
        public Writer lock(Duration timeout) {
            return new ForwardingWriter(inner.lock(timeout)) {
                @Override
                public Optional<ChainManifest> manifest() {
                    return inner.manifest().map(ZERO);
                }

                @Override
                public ChainManifest create(ChainManifest manifest) {
                    return ZERO.apply(inner.create(manifest));
                }

                @Override
                public ChainManifest append(ChainManifest next, byte[] recordWire, byte[] snapshotOrNull) {
                    long stored = inner.manifest().orElseThrow().generation();
                    return ZERO.apply(inner.append(next.withGeneration(stored), recordWire, snapshotOrNull));
                }

                @Override
                public ChainManifest replace(ChainManifest manifest, SortedMap<Integer, byte[]> snapshots,
                                             SortedMap<Integer, byte[]> records) {
                    return ZERO.apply(inner.replace(manifest, snapshots, records));
                }
            };
        }
    }

    /** Takes the inner lock for each write only: holding its writer keeps no other writer out. */
    static final class ExcludesNobody extends ForwardingStore {
        @Override
        public Writer lock(Duration timeout) {
            return new ForwardingWriter(null) {
                @Override
                public StoreRecovery recovery() {
                    return StoreRecovery.CLEAN;
                }

                @Override
                public Optional<ChainManifest> manifest() {
                    return inner().readManifest();
                }

                @Override
                public ChainManifest create(ChainManifest manifest) {
                    try (Writer w = inner().lock(timeout)) {
                        return w.create(manifest);
                    }
                }

                @Override
                public ChainManifest append(ChainManifest next, byte[] recordWire, byte[] snapshotOrNull) {
                    try (Writer w = inner().lock(timeout)) {
                        return w.append(next, recordWire, snapshotOrNull);
                    }
                }

                @Override
                public ChainManifest replace(ChainManifest manifest, SortedMap<Integer, byte[]> snapshots,
                                             SortedMap<Integer, byte[]> records) {
                    try (Writer w = inner().lock(timeout)) {
                        return w.replace(manifest, snapshots, records);
                    }
                }

                @Override
                public void close() {
                }
            };
        }

        private InMemoryChainStore inner() {
            return inner;
        }
    }

    /** Keeps the caller's record arrays and hands the same arrays to every reader. */
    static final class HandsOutItsArrays extends ForwardingStore {
        private final Map<Integer, byte[]> kept = new TreeMap<>();

        @Override
        public synchronized byte[] readRecord(int index) {
            byte[] mine = kept.get(index);
            return mine != null ? mine : inner.readRecord(index);
        }

        @Override
        public Writer lock(Duration timeout) {
            return new ForwardingWriter(inner.lock(timeout)) {
                @Override
                public ChainManifest append(ChainManifest next, byte[] recordWire, byte[] snapshotOrNull) {
                    synchronized (HandsOutItsArrays.this) {
                        kept.put(next.length() - 1, recordWire);
                    }
                    return inner.append(next, recordWire, snapshotOrNull);
                }
            };
        }
    }

    /** Reads a snapshot it does not hold as no bytes instead of failing. */
    static final class ReadsMissingSnapshotsAsEmpty extends ForwardingStore {
        @Override
        public byte[] readSnapshot(int index) {
            try {
                return inner.readSnapshot(index);
            } catch (ChainStoreException e) {
                return new byte[0];
            }
        }
    }

    // ------------------------------------------------------------------ the fixtures

    /** The forwarding layer alone: a correct store. */
    @Disabled("fixture: run only through the launcher by ContractCatchesBrokenStoresTest")
    static class Forwarding extends ChainStoreContract {
        @Override
        protected ChainStore newStore() {
            return new ForwardingStore();
        }
    }

    @Disabled("fixture: run only through the launcher by ContractCatchesBrokenStoresTest")
    static class StaleAppendsAccepted extends ChainStoreContract {
        @Override
        protected ChainStore newStore() {
            return new AcceptsStaleAppends();
        }
    }

    @Disabled("fixture: run only through the launcher by ContractCatchesBrokenStoresTest")
    static class GenerationNeverBumped extends ChainStoreContract {
        @Override
        protected ChainStore newStore() {
            return new NeverBumpsTheGeneration();
        }
    }

    @Disabled("fixture: run only through the launcher by ContractCatchesBrokenStoresTest")
    static class LockExcludesNobody extends ChainStoreContract {
        @Override
        protected ChainStore newStore() {
            return new ExcludesNobody();
        }
    }

    @Disabled("fixture: run only through the launcher by ContractCatchesBrokenStoresTest")
    static class SharesArrays extends ChainStoreContract {
        @Override
        protected ChainStore newStore() {
            return new HandsOutItsArrays();
        }
    }

    @Disabled("fixture: run only through the launcher by ContractCatchesBrokenStoresTest")
    static class MissingSnapshotReadsEmpty extends ChainStoreContract {
        @Override
        protected ChainStore newStore() {
            return new ReadsMissingSnapshotsAsEmpty();
        }
    }
}
