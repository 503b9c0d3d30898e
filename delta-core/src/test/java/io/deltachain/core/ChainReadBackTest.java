package io.deltachain.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltachain.api.LimitExceededException;
import io.deltachain.api.Limit;
import io.deltachain.json.JsonFormats;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A version is acknowledged only when it reads back under the chain's own limits. */
class ChainReadBackTest {

    private static DeltaChain<Map<String, Object>> chain(InMemoryChainStore store) {
        return DeltaChain.builder(JsonFormats.map())
                .compressor(DeltaCompressor.builder(JsonFormats.map()).strategy("none").clock(Fixtures.CLOCK).build())
                .store(store).build();
    }

    /** 995 nines: a valid literal, whose canonical form 9.99...9e+994 is 1,001 characters, past the limit. */
    private static Map<String, Object> huge() {
        return Map.of("n", new BigInteger("9".repeat(995)));
    }

    @Test
    void aStateWhoseCanonicalFormWouldNotReadBackIsRefusedAndNothingIsStored() {
        InMemoryChainStore store = new InMemoryChainStore();
        DeltaChain<Map<String, Object>> chain = chain(store);
        LimitExceededException first = assertThrows(LimitExceededException.class, () -> chain.add(huge()));
        assertEquals(Limit.NUMBER_LENGTH, first.limit(), first.getMessage());
        assertEquals(0, chain.length());
        assertTrue(store.snapshotIndices().isEmpty());

        chain.add(Map.of("n", 1));
        chain.add(Map.of("n", 2));
        assertThrows(LimitExceededException.class, () -> chain.add(huge()));
        assertEquals(2, chain.length());
        assertEquals(2, store.readManifest().orElseThrow().length());
        assertThrows(ChainStoreException.class, () -> store.readRecord(2), "no record was written");
        DeltaChain<Map<String, Object>> reopened = DeltaChain.open(store,
                DeltaCompressor.builder(JsonFormats.map()).build().registry(), JsonFormats.map());
        assertEquals("{\"n\":2}", new String(JsonFormats.map().toBytes(reopened.stateAt(1)), StandardCharsets.UTF_8));
        assertTrue(reopened.verify().ok(), reopened.verify().problems().toString());
    }

    @Test
    void aVersionReadsTheSameWhetherItIsTheHeadOrRebuilt() {
        DeltaChain<Map<String, Object>> chain = DeltaChain.builder(JsonFormats.map())
                .compressor(DeltaCompressor.builder(JsonFormats.map()).registry(Fixtures.registry()).strategy("none")
                        .build()).build();
        Map<String, Object> first = new java.util.LinkedHashMap<>();
        first.put("total", new java.math.BigDecimal("3.50"));
        chain.add(first);
        Object asHead = chain.stateAt(0).get("total");
        chain.add(Map.of("total", new java.math.BigDecimal("7.25")));
        Object rebuilt = chain.stateAt(0).get("total");
        assertEquals(rebuilt, asHead, "3.50 and 3.5 are one JSON value; the chain keeps the one its bytes read back as");
    }
}
