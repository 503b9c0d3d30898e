package io.deltachain.tests.properties;

import static io.deltachain.tests.properties.RoundTripPropertiesTest.assertJsonEquals;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import io.deltachain.core.ChainPolicy;
import io.deltachain.core.DeltaChain;
import io.deltachain.core.DeltaCompressor;
import io.deltachain.core.DeltaRecord;
import io.deltachain.json.JsonFormats;
import io.deltachain.api.UnsupportedDeltaOperationException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.quicktheories.core.Gen;

/**
 * Merging contiguous records gives exactly the state that applying them in turn gives, for every
 * contiguous sub-range of a random sequence of 2 to 6 maps, including keys removed and re-added
 * (generated on purpose). QuickTheories prints the seed of a failure; rerun it with {@code -DQT_SEED=N}.
 */
class MergePropertiesTest {
    private static final int EXAMPLES = 100;
    private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

    static List<String> strategies() {
        return RoundTripPropertiesTest.strategiesFor(JsonFormats.map());
    }

    private static DeltaCompressor<Map<String, Object>> compressor(String strategy, String codec, int second) {
        return DeltaCompressor.builder(JsonFormats.map()).registry(RoundTripPropertiesTest.REGISTRY).strategy(strategy)
                .codec(codec).clock(Clock.fixed(T0.plusSeconds(second), ZoneOffset.UTC)).build();
    }

    /** Records i -> i+1, stamped one second apart, with indices 1.. as in a chain. */
    private static List<DeltaRecord> records(String strategy, String codec, List<Map<String, Object>> states) {
        List<DeltaRecord> out = new ArrayList<>();
        for (int i = 1; i < states.size(); i++) {
            out.add(compressor(strategy, codec, i).diff(states.get(i - 1), states.get(i)).withIndex(i));
        }
        return out;
    }

    @Test
    void dictComposesExactly() {
        composesExactly("dict", Generators.sequences(2, 6));
    }

    @Test
    void dictComposesExactlyWhenKeysAreRemovedAndReAdded() {
        composesExactly("dict", Generators.sequences(3, 6, true));
    }

    @Test
    void appendOnlyComposesExactly() {
        composesExactly("append-only", Generators.sequences(2, 6));
    }

    private void composesExactly(String strategy, Gen<List<Map<String, Object>>> sequences) {
        for (String codec : List.of("identity", "gzip")) {
            DeltaCompressor<Map<String, Object>> c = compressor(strategy, codec, 0);
            qt().withExamples(EXAMPLES).forAll(sequences).checkAssert(states -> {
                List<DeltaRecord> records = records(strategy, codec, states);
                forEachRange(records, (from, to) -> {
                    List<DeltaRecord> range = records.subList(from, to);
                    String where = strategy + "/" + codec + " records " + from + ".." + to;
                    Map<String, Object> sequential = applyInTurn(c, states.get(from), range);
                    assertJsonEquals(states.get(to), sequential, where + " sequential");
                    DeltaRecord merged = c.merge(range).orElseThrow();
                    assertJsonEquals(sequential, c.apply(states.get(from), merged), where + " merged");
                    assertArrayEquals(range.get(0).baseHash(), merged.baseHash(), where + " base hash");
                    assertArrayEquals(range.get(range.size() - 1).targetHash(), merged.targetHash(), where + " target hash");
                    assertEquals(range.get(range.size() - 1).index(), merged.index(), where + " index");
                    assertEquals(range.get(range.size() - 1).timestamp(), merged.timestamp(), where + " latest timestamp");
                    assertEquals(strategy, merged.strategyId());
                    assertEquals(merged, DeltaRecord.fromBytes(merged.toBytes()), where + " wire form");
                });
            });
        }
    }

    @ParameterizedTest(name = "merge(base, records) with {0}")
    @MethodSource("strategies")
    void mergeFromBaseWorksForEveryStrategy(String strategy) {
        DeltaCompressor<Map<String, Object>> c = compressor(strategy, "gzip", 0);
        qt().withExamples(EXAMPLES).forAll(Generators.sequences(2, 6).mix(Generators.sequences(3, 6, true)))
                .checkAssert(states -> {
                    List<DeltaRecord> records = records(strategy, "gzip", states);
                    forEachRange(records, (from, to) -> {
                        List<DeltaRecord> range = records.subList(from, to);
                        String where = strategy + " records " + from + ".." + to;
                        Map<String, Object> sequential = applyInTurn(c, states.get(from), range);
                        DeltaRecord merged = c.merge(states.get(from), range).orElseThrow();
                        assertJsonEquals(sequential, c.apply(states.get(from), merged), where + " merge(base, records)");
                        assertArrayEquals(range.get(0).baseHash(), merged.baseHash(), where + " base hash");
                        assertArrayEquals(range.get(range.size() - 1).targetHash(), merged.targetHash(), where);
                        // merge(records) composes when the strategy can, and says clearly when it cannot.
                        Optional<DeltaRecord> composed;
                        try {
                            composed = c.merge(range);
                        } catch (UnsupportedDeltaOperationException e) {
                            composed = Optional.empty();
                            boolean sameStrategy = range.stream().allMatch(r -> r.strategyId().equals(range.get(0).strategyId()));
                            boolean canCompose = range.get(0).strategyId().equals(DeltaCompressor.NONE)
                                    || RoundTripPropertiesTest.REGISTRY.strategy(range.get(0).strategyId()).canCompose();
                            assertEquals(false, sameStrategy && canCompose, where + ": refused to compose: " + e);
                        }
                        composed.ifPresent(r -> assertJsonEquals(sequential, c.apply(states.get(from), r),
                                where + " merge(records)"));
                    });
                });
    }

    @Test
    void noneComposesExactly() {
        // none composes by keeping the second payload (the whole newest state).
        composesExactly("none", Generators.sequences(2, 6));
    }

    @ParameterizedTest(name = "chains with {0}: SNAPSHOT keeps every version, MERGE folds exactly")
    @MethodSource("strategies")
    void chainsKeepEveryVersionAndFoldExactly(String strategy) {
        qt().withExamples(60).forAll(Generators.sequences(2, 6).mix(Generators.sequences(3, 6, true)))
                .checkAssert(states -> {
                    DeltaCompressor<Map<String, Object>> compressor = DeltaCompressor.builder(JsonFormats.map())
                            .registry(RoundTripPropertiesTest.REGISTRY).strategy(strategy).build();
                    DeltaChain<Map<String, Object>> snapshot = DeltaChain.builder(JsonFormats.map())
                            .compressor(compressor).snapshotEvery(2).build();
                    DeltaChain<Map<String, Object>> merge = DeltaChain.builder(JsonFormats.map())
                            .compressor(compressor).policy(ChainPolicy.mergeAfter(3)).snapshotEvery(2).build();
                    DeltaChain<Map<String, Object>> merge4 = DeltaChain.builder(JsonFormats.map())
                            .compressor(compressor).policy(ChainPolicy.mergeAfter(4)).snapshotEvery(1).build();
                    for (int i = 0; i < states.size(); i++) {
                        merge4.add(states.get(i));
                        assertJsonEquals(states.get(i), merge4.stateAt(merge4.length() - 1), strategy + " MERGE(4) " + i);
                        for (int v = 0; v < merge4.length(); v++) {
                            merge4.stateAt(v); // every kept version rebuilds, hashes checked
                        }
                        snapshot.add(states.get(i));
                        merge.add(states.get(i));
                        assertJsonEquals(states.get(i), merge.current().orElseThrow(), strategy + " MERGE current " + i);
                        assertJsonEquals(states.get(i), merge.stateAt(merge.length() - 1), strategy + " MERGE newest " + i);
                        assertJsonEquals(states.get(0), merge.stateAt(0), strategy + " MERGE base after " + i);
                    }
                    assertEquals(states.size(), snapshot.length());
                    for (int i = 0; i < states.size(); i++) {
                        assertJsonEquals(states.get(i), snapshot.stateAt(i), strategy + " SNAPSHOT version " + i);
                    }
                    assertTrue(snapshot.verify().ok(), () -> snapshot.verify().problems().toString());
                    assertTrue(merge.verify().ok(), () -> merge.verify().problems().toString());
                    assertTrue(merge4.verify().ok(), () -> merge4.verify().problems().toString());
                    assertTrue(merge.length() <= 3, "MERGE keeps the chain within maxChainLength");
                });
    }

    private static Map<String, Object> applyInTurn(DeltaCompressor<Map<String, Object>> c, Map<String, Object> base,
                                                   List<DeltaRecord> records) {
        Map<String, Object> state = base;
        for (DeltaRecord r : records) {
            state = c.apply(state, r);
        }
        return state;
    }

    private interface RangeCheck {
        void check(int from, int to);
    }

    /** Every contiguous, non-empty sub-range [from, to) of the records; states[from] is its base. */
    private static void forEachRange(List<DeltaRecord> records, RangeCheck check) {
        for (int from = 0; from < records.size(); from++) {
            for (int to = from + 1; to <= records.size(); to++) {
                check.check(from, to);
            }
        }
    }
}
