package io.deltachain.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltachain.api.DeltaRegistry;
import io.deltachain.api.Limits;
import io.deltachain.api.StateFormats;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A power loss at every mutating file operation of a chain's whole life — creating it, its first
 * version (a rewrite), every append, every rebase or merge — simulated by {@link PowerLossFiles}: for
 * each crash point and each way the disk may have kept what was not forced, the next writer recovers,
 * and the chain opens, verifies, holds exactly what its fsync policy promised (under {@code always} every
 * acknowledged version, at most the one in flight more), and takes the next write.
 *
 * <p>Every crash point runs by default, each with what was forced only, with everything written, and
 * with {@code deltachain.powerloss.mixes} (default 2) seeded random mixes; the soak run is
 * {@code mvn -pl delta-core -am verify -Dtest=PowerLossTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Ddeltachain.powerloss.mixes=50}.
 */
class PowerLossTest {
    private static final int MIXES = Integer.getInteger("deltachain.powerloss.mixes", 2);
    private static final String AFTER = "written after the power loss";
    private final DeltaRegistry registry = Fixtures.registry(new Fixtures.SuffixStrategy("suffix"));

    @TempDir
    Path root;

    /**
     * @param promised the policy whose promise is checked
     * @param stored the policy the store runs with (the same, but for the test that proves the check bites)
     * @param writers how many chains, each over its own store instance on the directory, take turns adding
     */
    record Scenario(String name, FsyncPolicy promised, FsyncPolicy stored, ChainPolicy policy, int versions,
                    int writers) {
        Scenario(String name, FsyncPolicy fsync, ChainPolicy policy, int versions) {
            this(name, fsync, fsync, policy, versions, 1);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Scenario> scenarios() {
        return Stream.of(
                new Scenario("50 appends, always", FsyncPolicy.always(), ChainPolicy.keepAll(), 50),
                new Scenario("rebaseAfter(8), always", FsyncPolicy.always(), ChainPolicy.rebaseAfter(8), 20),
                new Scenario("mergeAfter(8), always", FsyncPolicy.always(), ChainPolicy.mergeAfter(8), 20),
                new Scenario("30 appends, everyRecords(4)", FsyncPolicy.everyRecords(4), ChainPolicy.keepAll(), 30),
                new Scenario("rebaseAfter(8), everyRecords(3)", FsyncPolicy.everyRecords(3), ChainPolicy.rebaseAfter(8),
                        20),
                new Scenario("30 appends, never", FsyncPolicy.never(), ChainPolicy.keepAll(), 30),
                new Scenario("mergeAfter(8), never", FsyncPolicy.never(), ChainPolicy.mergeAfter(8), 20),
                new Scenario("20 appends by two writers taking turns, everyRecords(4)", FsyncPolicy.everyRecords(4),
                        FsyncPolicy.everyRecords(4), ChainPolicy.keepAll(), 20, 2));
    }

    private static String state(int i) {
        return "version " + i + ": " + "abcdefgh".repeat(i % 6) + (i % 3 == 0 ? "" : " tail " + i * 7);
    }

    private DeltaChain.Builder<String> builder(ChainPolicy policy) {
        DeltaCompressor<String> compressor = DeltaCompressor.builder(StateFormats.utf8()).registry(registry)
                .strategy("suffix").codec("identity").clock(Fixtures.CLOCK).build();
        return DeltaChain.builder(StateFormats.utf8()).compressor(compressor).policy(policy).snapshotEvery(8);
    }

    private DirectoryChainStore store(StoreFiles files, FsyncPolicy fsync) {
        return new DirectoryChainStore(root.resolve("chain"), Limits.defaults(), fsync, Duration.ofSeconds(10), files);
    }

    /** A crash point: what survived a power loss before operation {@code operation} took effect. */
    private record CrashPoint(int operation, String what, int acknowledged, PowerLossFiles.Survival survival,
                              PowerLossFiles files) {
    }

    /**
     * Creates the chain and adds the scenario's versions, taking what every kind of survival leaves at
     * each mutating operation (and after the last), as a crash there would leave it.
     */
    private List<CrashPoint> crashPoints(Scenario s) {
        List<CrashPoint> out = new ArrayList<>();
        PowerLossFiles files = new PowerLossFiles(root);
        int[] acknowledged = {-1};
        files.beforeEachOperation(k -> {
            for (PowerLossFiles.Survival survival : survivals(k)) {
                out.add(new CrashPoint(k, null, acknowledged[0], survival, files.afterCrash(survival)));
            }
        });
        List<DeltaChain<String>> chains = new ArrayList<>();
        chains.add(builder(s.policy()).store(store(files, s.stored())).build());
        acknowledged[0] = 0;
        while (chains.size() < s.writers()) {
            chains.add(DeltaChain.open(store(files, s.stored()), registry, StateFormats.utf8(), Limits.defaults(),
                    Fixtures.CLOCK));
        }
        for (int i = 0; i < s.versions(); i++) {
            chains.get(i % chains.size()).add(state(i));
            acknowledged[0] = i + 1;
        }
        files.beforeEachOperation(k -> { });
        List<String> log = files.log();
        for (PowerLossFiles.Survival survival : survivals(log.size())) {
            out.add(new CrashPoint(log.size(), null, acknowledged[0], survival, files.afterCrash(survival)));
        }
        return out.stream().map(p -> new CrashPoint(p.operation(), p.operation() < log.size() ? log.get(p.operation())
                : "after the last of " + log.size(), p.acknowledged(), p.survival(), p.files())).toList();
    }

    private static List<PowerLossFiles.Survival> survivals(int k) {
        List<PowerLossFiles.Survival> out = new ArrayList<>(List.of(PowerLossFiles.ONLY_FORCED,
                PowerLossFiles.EVERYTHING));
        for (int m = 0; m < MIXES; m++) {
            out.add(PowerLossFiles.mix(k * 1_000L + m));
        }
        return out;
    }

    private static List<String> states(DeltaChain<String> chain) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < chain.length(); i++) {
            out.add(chain.stateAt(i));
        }
        return out;
    }

    private static String hash(String state) {
        return HexFormat.of().formatHex(PreparedState.of(StateFormats.utf8(), state).hash);
    }

    /**
     * @return each version's SHA-256: version 0's from its state, the others' from their records; after a
     *     clean {@code verify()}, which rebuilt every version and matched it to these, equal hashes are equal
     *     states (and cheaper than rebuilding each version again)
     */
    private static List<String> hashes(DeltaChain<String> chain) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < chain.length(); i++) {
            out.add(i == 0 ? hash(chain.base().orElseThrow())
                    : HexFormat.of().formatHex(chain.deltaAt(i).orElseThrow().targetHash()));
        }
        return out;
    }

    /** What the chain holds after each number of adds, and how much of it each policy promises to keep. */
    private final class Expected {
        final Scenario s;
        final List<List<String>> after = new ArrayList<>();
        final int[] atLastRewrite;

        Expected(Scenario s) {
            this.s = s;
            DeltaChain<String> memory = builder(s.policy()).build();
            after.add(List.of());
            atLastRewrite = new int[s.versions() + 1];
            for (int j = 1; j <= s.versions(); j++) {
                memory.add(state(j - 1));
                List<String> now = states(memory).stream().map(PowerLossTest::hash).toList();
                List<String> before = after.get(j - 1);
                boolean appended = j > 1 && now.size() == before.size() + 1
                        && now.subList(0, before.size()).equals(before);
                atLastRewrite[j] = appended ? atLastRewrite[j - 1] : now.size();
                after.add(now);
            }
        }

        /** @return the fewest versions a chain of {@code ack} acknowledged adds may keep under the promised policy */
        int promised(int ack) {
            int length = after.get(ack).size();
            int every = s.promised().every();
            return every == 0 ? atLastRewrite[ack] : Math.max(atLastRewrite[ack], length - (every - 1));
        }

        /**
         * @return whether {@code got} is allowed after {@code ack} acknowledged adds: what the next add makes, or
         *     the acknowledged versions plus the one in flight cut back to no fewer than the policy promises
         */
        boolean allows(List<String> got, int ack) {
            if (ack < s.versions() && got.equals(after.get(ack + 1))) {
                return true;
            }
            List<String> upTo = new ArrayList<>(after.get(ack));
            if (ack < s.versions()) {
                upTo.add(hash(state(ack)));
            }
            return got.size() >= promised(ack) && got.size() <= upTo.size() && got.equals(upTo.subList(0, got.size()));
        }
    }

    /** @return what went wrong at the first few crash points of {@code s} that broke a promise, and how many ran */
    private Outcome powerLossAtEveryWrite(Scenario s) {
        Expected expected = new Expected(s);
        List<String> failures = new ArrayList<>();
        List<CrashPoint> points = crashPoints(s);
        Set<String> checked = new HashSet<>();
        for (CrashPoint p : points) {
            if (!checked.add(p.acknowledged() + " " + p.files().fingerprint())) {
                continue; // the same files after the same acknowledgements: checked already
            }
            String failure = check(expected, p.acknowledged(), p.files(), s);
            if (failure != null) {
                failures.add(s + ": power loss at operation " + p.operation() + " (" + p.what() + "), keeping "
                        + p.survival() + ", " + p.acknowledged() + " adds acknowledged: " + failure + "\n    files: "
                        + p.files().describe());
                if (failures.size() == 5) {
                    break;
                }
            }
        }
        return new Outcome(failures, points.get(points.size() - 1).operation() + 1, points.size(), checked.size());
    }

    /**
     * @param crashPoints mutating operations, plus the point after the last
     * @param survivors what survived, one per crash point and survival
     * @param checked the survivors that differ (in acknowledgements or in files) from every one before
     */
    private record Outcome(List<String> failures, int crashPoints, int survivors, int checked) {
    }

    /** @return what is wrong with what survived, or null */
    private String check(Expected expected, int ack, PowerLossFiles after, Scenario s) {
        try {
            DirectoryChainStore store = store(after, s.stored());
            Optional<ChainManifest> reader = store.readManifest();
            StoreRecovery recovery = store.recover();
            Optional<ChainManifest> recovered = store.readManifest();
            if (recovered.isEmpty()) {
                return ack < 0 ? null : "no chain, though its creation was acknowledged (recovery: " + recovery + ")";
            }
            if (s.stored().every() == 1 && reader.map(ChainManifest::length).orElse(-1) != recovered.get().length()) {
                return "a reader saw " + reader + " before recovery, the writer " + recovered.get();
            }
            DeltaChain<String> chain = DeltaChain.open(store, registry, StateFormats.utf8());
            ChainVerification verification = chain.verify();
            if (!verification.ok()) {
                return "verify: " + verification.problems() + " (recovery: " + recovery + ")";
            }
            List<String> got = hashes(chain);
            if (ack < 0 ? !got.isEmpty() : !expected.allows(got, ack)) {
                return "holds " + got.size() + " versions " + states(chain) + ", promised at least " + (ack < 0 ? 0
                        : expected.promised(ack)) + " of the " + (ack < 0 ? 0 : expected.after.get(ack).size())
                        + " acknowledged (recovery: " + recovery + ")";
            }
            chain.add(AFTER);
            DeltaChain<String> again = DeltaChain.open(store(after, s.stored()), registry, StateFormats.utf8());
            if (again.length() != chain.length() || !again.current().orElseThrow().equals(AFTER)) {
                return "the write after recovery did not hold: " + again;
            }
            return null;
        } catch (RuntimeException e) {
            return e.toString();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void aPowerLossAtEveryWriteLosesNothingPromisedAndTheChainOpens(Scenario s) {
        Outcome outcome = powerLossAtEveryWrite(s);
        assertTrue(outcome.failures().isEmpty(), String.join("\n", outcome.failures()));
        assertTrue(outcome.crashPoints() > s.versions() * 2, "crash points: " + outcome.crashPoints());
        System.out.println("PowerLossTest " + s + ": " + outcome.crashPoints() + " crash points, "
                + outcome.survivors() + " survivors, " + outcome.checked() + " distinct, each recovered and checked");
    }

    @Test
    void theCheckFindsLostVersionsWhenAStoreDoesNotForceWhatItPromised() {
        Outcome outcome = powerLossAtEveryWrite(new Scenario("promised always, stored never", FsyncPolicy.always(),
                FsyncPolicy.never(), ChainPolicy.keepAll(), 5, 1));
        assertFalse(outcome.failures().isEmpty(), "no crash point lost an acknowledged version");
        assertTrue(outcome.failures().get(0).contains("promised at least"), outcome.failures().get(0));
    }

    @Test
    void aCrashAtAnOperationLeavesWhatTheOneRunSawBeforeIt() {
        Scenario s = new Scenario("rebaseAfter(3), always", FsyncPolicy.always(), ChainPolicy.rebaseAfter(3), 4);
        List<CrashPoint> points = crashPoints(s);
        for (int k = 0; k <= points.get(points.size() - 1).operation(); k++) {
            PowerLossFiles files = new PowerLossFiles(root).crashAfter(k);
            int acknowledged = -1;
            try {
                DeltaChain<String> chain = builder(s.policy()).store(store(files, s.stored())).build();
                acknowledged = 0;
                for (int i = 0; i < s.versions(); i++) {
                    chain.add(state(i));
                    acknowledged = i + 1;
                }
            } catch (PowerLossFiles.SimulatedCrash expected) {
                // the power went out at the crash point
            }
            for (CrashPoint p : points) {
                if (p.operation() == k) {
                    String where = "operation " + k + " (" + p.what() + "), " + p.survival();
                    assertEquals(p.acknowledged(), acknowledged, where);
                    PowerLossFiles.Survival again = survivals(k).stream() // a mix afresh, from its seed
                            .filter(v -> v.toString().equals(p.survival().toString())).findFirst().orElseThrow();
                    assertEquals(p.files().fingerprint(), files.afterCrash(again).fingerprint(), where);
                }
            }
        }
    }

    @Test
    void aPowerLossDuringRecoveryIsRecoveredByTheNextWriter() {
        Scenario s = new Scenario("10 appends, always", FsyncPolicy.always(), ChainPolicy.keepAll(), 10);
        Expected expected = new Expected(s);
        Set<String> seen = new HashSet<>();
        Set<String> checked = new HashSet<>();
        int interrupted = 0;
        for (CrashPoint p : crashPoints(s)) {
            if (!seen.add(p.acknowledged() + " " + p.files().fingerprint())) {
                continue;
            }
            PowerLossFiles files = p.files().afterCrash(PowerLossFiles.EVERYTHING);
            List<PowerLossFiles> during = new ArrayList<>();
            files.beforeEachOperation(k -> {
                for (PowerLossFiles.Survival survival : survivals(k)) {
                    during.add(files.afterCrash(survival));
                }
            });
            store(files, s.stored()).recover();
            for (PowerLossFiles after : during) {
                if (!checked.add(p.acknowledged() + " " + after.fingerprint())) {
                    continue;
                }
                String failure = check(expected, p.acknowledged(), after, s);
                assertEquals(null, failure, "power loss during the recovery after operation " + p.operation() + " ("
                        + p.what() + "), " + p.survival() + "; files: " + after.describe());
                interrupted++;
            }
        }
        assertTrue(interrupted > 10, "distinct recoveries interrupted: " + interrupted);
        System.out.println("PowerLossTest: " + interrupted + " distinct power losses during recovery, each recovered");
    }

    @Test
    void aVersionRecoveryDroppedStaysDroppedThroughALaterPowerLossUnderNever() {
        PowerLossFiles files = new PowerLossFiles(root);
        DeltaChain<String> chain = builder(ChainPolicy.keepAll()).store(store(files, FsyncPolicy.never())).build();
        chain.add("base");
        files.crashAfter(files.operations() + 1); // the frames of version 1 are written, its index entry is not
        assertThrows(PowerLossFiles.SimulatedCrash.class, () -> chain.add("base one"));
        PowerLossFiles first = files.afterCrash(PowerLossFiles.EVERYTHING);
        StoreRecovery recovery = store(first, FsyncPolicy.never()).recover();
        assertTrue(recovery.actions().toString().contains("dropping data no whole index entry counts"),
                recovery.toString());
        DeltaChain.open(store(first, FsyncPolicy.never()), registry, StateFormats.utf8(), Limits.defaults(),
                Fixtures.CLOCK).add("base two"); // a record as long as the dropped one, at the same offset
        String segment = "chain/" + first.list(root.resolve("chain")).stream().filter(n -> n.endsWith(".dseg"))
                .findFirst().orElseThrow();
        PowerLossFiles second = first.afterCrash(PowerLossFiles.allBut(segment));
        DirectoryChainStore store = store(second, FsyncPolicy.never());
        store.recover();
        DeltaChain<String> reopened = DeltaChain.open(store, registry, StateFormats.utf8());
        assertTrue(reopened.verify().ok(), reopened.verify().problems().toString());
        assertEquals(List.of("base"), states(reopened), "the dropped version's frames came back under the new entry");
    }
}
