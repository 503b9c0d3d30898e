package io.deltachain.tests.discovery;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltachain.core.ChainVerification;
import io.deltachain.core.DeltaChain;
import io.deltachain.core.DeltaCompressor;
import io.deltachain.core.DeltaRecord;
import io.deltachain.core.Deltas;
import io.deltachain.core.DirectoryChainStore;
import io.deltachain.json.CanonicalJson;
import io.deltachain.json.JsonFormats;
import io.deltachain.json.JsonValues;
import io.deltachain.api.DeltaRegistry;
import io.deltachain.api.StateFormats;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's strategy ({@code append-only}, from {@code examples/delta-example-strategy}, found by
 * {@code ServiceLoader} on this module's test class path) works in a chain exactly as ours do: chosen
 * by id, named in every record, found again by id when a stored chain is reopened.
 */
class UserStrategyInAChainTest {
    /** Three appends, a rewrite (the target does not extend the base), an append, an unchanged version. */
    private static final List<String> LOG = List.of(
            "09:00 start\n",
            "09:00 start\n09:01 load config\n",
            "09:00 start\n09:01 load config\n09:02 ready ✓\n",
            "rotated\n",
            "rotated\n10:00 tick\n",
            "rotated\n10:00 tick\n");

    private static List<byte[]> versions() {
        List<byte[]> versions = new ArrayList<>();
        LOG.forEach(v -> versions.add(v.getBytes(StandardCharsets.UTF_8)));
        return versions;
    }

    @Test
    void aUsersStrategyIsChosenByIdAndRoundTripsEveryVersion() {
        DeltaChain<byte[]> chain = DeltaChain.builder(StateFormats.bytes())
                .compressor(Deltas.compressor("append-only", StateFormats.bytes())).build();
        List<byte[]> versions = versions();
        versions.forEach(chain::add);

        assertEquals(versions.size(), chain.length());
        assertStatesAre(versions, chain);
        assertEveryDeltaIsAppendOnly(chain, "bytes");
        ChainVerification verification = chain.verify();
        assertTrue(verification.ok(), verification::toString);
        assertEquals(versions.size(), verification.versionsChecked());
    }

    @Test
    void anAppendIsStoredAsItsTailOnly() {
        DeltaChain<byte[]> chain = DeltaChain.builder(StateFormats.bytes())
                .compressor(DeltaCompressor.builder(StateFormats.bytes()).strategy("append-only").codec("identity").build())
                .build();
        chain.add("0123456789".repeat(100).getBytes(StandardCharsets.US_ASCII));
        chain.add(("0123456789".repeat(100) + "tail").getBytes(StandardCharsets.US_ASCII));
        DeltaRecord record = chain.deltaAt(1).orElseThrow();
        assertEquals(5, record.payloadSize(), "tag 'A' and the four appended bytes: " + record);
    }

    @Test
    void aChainOfTheUsersStrategyIsReopenedFromADirectoryThroughTheRegistry(@TempDir Path dir) {
        List<byte[]> versions = versions();
        DeltaChain<byte[]> written = DeltaChain.builder(StateFormats.bytes())
                .compressor(Deltas.compressor("append-only", StateFormats.bytes())).store(new DirectoryChainStore(dir))
                .build();
        versions.forEach(written::add);

        DeltaChain<?> reopened = DeltaChain.open(new DirectoryChainStore(dir), DeltaRegistry.load());
        assertEquals("bytes", reopened.stateFormat().id());
        assertEquals(versions.size(), reopened.length());
        for (int i = 0; i < versions.size(); i++) {
            assertArrayEquals(versions.get(i), (byte[]) reopened.stateAt(i), "version " + i);
        }
        assertEveryDeltaIsAppendOnly(reopened, "bytes");
        assertTrue(reopened.verify().ok(), () -> reopened.verify().toString());

        // Typed reopening, then growing the reopened chain with the user's strategy again.
        DeltaChain<byte[]> typed = DeltaChain.open(new DirectoryChainStore(dir), DeltaRegistry.load(), StateFormats.bytes());
        byte[] next = (LOG.get(LOG.size() - 1) + "10:01 tock\n").getBytes(StandardCharsets.UTF_8);
        typed.add(next);
        versions.add(next);
        assertStatesAre(versions, typed);
        assertEveryDeltaIsAppendOnly(typed, "bytes");
        assertTrue(typed.verify().ok(), () -> typed.verify().toString());
    }

    @Test
    void aUsersBytesStrategyKeepsJsonMapsThroughTheirCanonicalBytes() {
        List<Map<String, Object>> versions = new ArrayList<>();
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("name", "deltachain");
        versions.add(copy(state));
        state.put("stars", 1);
        versions.add(copy(state));
        state.put("tags", List.of("delta", "compression"));
        state.put("nested", Map.of("ratio", 2.5, "ok", true));
        versions.add(copy(state));
        state.remove("stars");
        versions.add(copy(state));
        versions.add(Map.of());
        versions.add(Map.of("restarted", true));

        DeltaChain<Map<String, Object>> chain = DeltaChain.builder(JsonFormats.map())
                .compressor(Deltas.compressor("append-only", JsonFormats.map())).build();
        versions.forEach(chain::add);

        assertEquals(versions.size(), chain.length());
        for (int i = 0; i < versions.size(); i++) {
            Map<String, Object> got = chain.stateAt(i);
            int index = i;
            assertTrue(JsonValues.equal(versions.get(i), got), () -> "version " + index + ": " + got);
            assertArrayEquals(CanonicalJson.write(versions.get(i)), CanonicalJson.write(got), "version " + i);
        }
        assertEveryDeltaIsAppendOnly(chain, "json-map");
        assertTrue(chain.verify().ok(), () -> chain.verify().toString());
    }

    private static Map<String, Object> copy(Map<String, Object> state) {
        return new LinkedHashMap<>(state);
    }

    private static void assertStatesAre(List<byte[]> versions, DeltaChain<byte[]> chain) {
        assertEquals(versions.size(), chain.length());
        for (int i = 0; i < versions.size(); i++) {
            assertArrayEquals(versions.get(i), chain.stateAt(i), "version " + i);
        }
        assertArrayEquals(versions.get(versions.size() - 1), chain.current().orElseThrow());
    }

    private static void assertEveryDeltaIsAppendOnly(DeltaChain<?> chain, String stateFormat) {
        assertTrue(chain.deltaAt(0).isEmpty(), "version 0 is the base and has no delta");
        for (int i = 1; i < chain.length(); i++) {
            DeltaRecord record = chain.deltaAt(i).orElseThrow();
            assertEquals("append-only", record.strategyId(), record::toString);
            assertEquals(stateFormat, record.stateFormatId(), record::toString);
        }
    }
}
