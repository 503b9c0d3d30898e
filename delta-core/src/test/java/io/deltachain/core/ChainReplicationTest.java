package io.deltachain.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltachain.api.DeltaRegistry;
import io.deltachain.api.StateFormats;
import io.deltachain.api.StateMismatchException;
import org.junit.jupiter.api.Test;

/** Records in and out: deltaBetween on one side, append on the other, feed a replica. */
class ChainReplicationTest {
    private final DeltaRegistry registry = Fixtures.registry(new Fixtures.SuffixStrategy("suffix"));

    private DeltaChain<String> chain(String strategy) {
        return DeltaChain.builder(StateFormats.utf8()).compressor(DeltaCompressor.builder(StateFormats.utf8())
                .registry(registry).strategy(strategy).clock(Fixtures.CLOCK).build()).snapshotEvery(4).build();
    }

    private DeltaChain<String> primary(String strategy) {
        DeltaChain<String> p = chain(strategy);
        for (int i = 0; i < 10; i++) {
            p.add("state " + "ab".repeat(i) + (i % 3));
        }
        return p;
    }

    @Test
    void aReplicaFedRecordByRecordHoldsTheSameStates() {
        DeltaChain<String> primary = primary("suffix");
        DeltaChain<String> replica = chain("suffix");
        replica.add(primary.stateAt(0));
        for (int i = 1; i < primary.length(); i++) {
            DeltaRecord wire = DeltaRecord.fromBytes(primary.deltaAt(i).orElseThrow().toBytes());
            assertEquals(i, replica.append(wire));
        }
        for (int i = 0; i < primary.length(); i++) {
            assertEquals(primary.stateAt(i), replica.stateAt(i));
            assertArrayEquals(primary.deltaAt(i).map(DeltaRecord::targetHash).orElse(null),
                    replica.deltaAt(i).map(DeltaRecord::targetHash).orElse(null));
        }
        assertTrue(replica.verify().ok(), replica.verify().problems().toString());
    }

    @Test
    void deltaBetweenTakesOneVersionToAnotherEitherWay() {
        for (String strategy : new String[] {"suffix", "none"}) {
            DeltaChain<String> primary = primary(strategy);
            for (int[] pair : new int[][] {{2, 7}, {0, 9}, {7, 2}, {5, 5}, {8, 9}}) {
                DeltaRecord r = primary.deltaBetween(pair[0], pair[1]);
                assertEquals(pair[1], r.index());
                assertEquals(primary.stateAt(pair[1]), primary.compressor().apply(primary.stateAt(pair[0]), r),
                        strategy + " " + pair[0] + " -> " + pair[1]);
            }
            DeltaChain<String> replica = chain(strategy);
            replica.add(primary.stateAt(3));
            assertThrows(io.deltachain.api.RecordIndexMismatchException.class,
                    () -> replica.append(primary.deltaBetween(3, 9)), "a composed record claims version 9");
            replica.appendRenumbered(primary.deltaBetween(3, 9));
            assertEquals(primary.current(), replica.current(), "one record catches a replica up");
        }
        assertThrows(VersionNotFoundException.class, () -> primary("suffix").deltaBetween(0, 10));
    }

    @Test
    void aRecordFromAnotherBaseIsRefusedAndNothingIsStored() {
        DeltaChain<String> primary = primary("suffix");
        DeltaChain<String> replica = chain("suffix");
        assertThrows(StateMismatchException.class, () -> replica.append(primary.deltaAt(1).orElseThrow()),
                "an empty chain has no base");
        replica.add(primary.stateAt(0));
        StateMismatchException e = assertThrows(StateMismatchException.class,
                () -> replica.append(primary.deltaAt(5).orElseThrow()));
        assertTrue(e.getMessage().contains("newest version 0"), e.getMessage());
        assertEquals(1, replica.length());
        assertEquals(1, replica.store().readManifest().orElseThrow().length());
    }
}
