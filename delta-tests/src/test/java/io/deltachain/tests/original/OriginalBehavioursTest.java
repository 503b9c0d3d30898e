package io.deltachain.tests.original;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltachain.core.ChainMetrics;
import io.deltachain.core.ChainPolicy;
import io.deltachain.core.DeltaChain;
import io.deltachain.core.DeltaCompressor;
import io.deltachain.core.DeltaRecord;
import io.deltachain.core.VersionNotFoundException;
import io.deltachain.json.CanonicalJson;
import io.deltachain.json.JsonFormats;
import io.deltachain.json.JsonValues;
import io.deltachain.api.DeltaConfigurationException;
import io.deltachain.api.DeltaException;
import io.deltachain.api.Limits;
import io.deltachain.api.PatchSummary;
import io.deltachain.strategy.dict.DictStrategy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The 21 behaviours the Python original's own tests checked (ORIGINAL.md), ported to Deltachain and
 * adapted where DESIGN.md differs: compression off is the {@code identity} codec, levels belong to
 * the codec and are refused out of range, the base is a snapshot and {@code length()} counts
 * versions, "nothing" is an empty {@link Optional}, and merging keeps a key removed then re-added.
 */
class OriginalBehavioursTest {
    private static final Instant T0 = Instant.parse("2024-05-01T12:00:00Z");
    private static final Clock FIXED = Clock.fixed(T0, ZoneOffset.UTC);
    private static final byte[] HASH_A = filled(32, (byte) 0xA1);
    private static final byte[] HASH_B = filled(32, (byte) 0xB2);

    // ---- fixtures ------------------------------------------------------------------------------

    /** s1 = {key1:"value1", key2:42, key3:[1,2,3], key4:{nested:"value"}} */
    private static Map<String, Object> s1() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("key1", "value1");
        s.put("key2", 42);
        s.put("key3", new ArrayList<>(List.of(1, 2, 3)));
        s.put("key4", new LinkedHashMap<>(Map.of("nested", "value")));
        return s;
    }

    /** s2 = {key1:"value1", key2:43, key5:"new_value", key4:{nested:"value", added:true}} */
    private static Map<String, Object> s2() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("key1", "value1");
        s.put("key2", 43);
        s.put("key5", "new_value");
        Map<String, Object> key4 = new LinkedHashMap<>();
        key4.put("nested", "value");
        key4.put("added", true);
        s.put("key4", key4);
        return s;
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static byte[] filled(int n, byte b) {
        byte[] out = new byte[n];
        Arrays.fill(out, b);
        return out;
    }

    private static DeltaCompressor<Map<String, Object>> dict(String codec) {
        DeltaCompressor.Builder<Map<String, Object>> b = DeltaCompressor.builder(JsonFormats.map()).strategy("dict")
                .codec(codec).clock(FIXED);
        return b.build();
    }

    /** Decodes an identity-coded dict record's payload into its JSON object. */
    private static Map<String, Object> payloadJson(DeltaRecord record) {
        assertEquals("identity", record.codecId(), "payload can be read directly only with the identity codec");
        return CanonicalJson.parseObject(record.payload(), Limits.defaults());
    }

    private static DeltaRecord.Builder minimalRecord() {
        return DeltaRecord.builder().timestamp(T0).strategyId("dict").stateFormatId("json-map").codec("identity", 0)
                .payload(new byte[0]).baseHash(HASH_A).targetHash(HASH_B);
    }

    private static DeltaChain<Map<String, Object>> chain(int maxLength) {
        return DeltaChain.builder(JsonFormats.map())
                .compressor(DeltaCompressor.builder(JsonFormats.map()).strategy("dict").clock(FIXED).build())
                .policy(ChainPolicy.rebaseAfter(maxLength)).build();
    }

    private static Map<String, Object> c1() {
        return map("key1", "value1", "key2", 42);
    }

    private static Map<String, Object> c2() {
        return map("key1", "value1", "key3", "new");
    }

    private static Map<String, Object> c3() {
        return map("key1", "updated", "key3", "new", "key4", true);
    }

    private static void assertJsonEquals(Object expected, Object actual) {
        assertTrue(JsonValues.equal(expected, actual), () -> "expected " + CanonicalJson.toString(expected) + " but was "
                + CanonicalJson.toString(actual));
    }

    // ---- records -------------------------------------------------------------------------------

    @Test
    @DisplayName("1: a record built with only a timestamp and changes has the defaults")
    void recordWithOnlyTimestampAndChangesHasDefaults() {
        DeltaRecord r = minimalRecord().summary(PatchSummary.of(2, 0, List.of("/key1", "/key2"))).build();
        assertEquals(T0, r.timestamp());
        assertEquals(2, r.changes());
        assertEquals(0, r.removals(), "removed keys default to none");
        assertEquals(Map.of(), r.metadata(), "metadata defaults to empty");
        assertEquals(1.0, r.payloadRatio(), "the payload ratio (the original's) defaults to 1.0");
        assertEquals(0, r.storedSize(), "size defaults to 0");
        assertEquals(0, r.rawSize());
        assertEquals(0, r.payloadSize());
        assertEquals(0, r.index());
        // The builder's own defaults: an unknown summary, no metadata.
        DeltaRecord bare = minimalRecord().build();
        assertEquals(PatchSummary.UNKNOWN, bare.summary());
        assertTrue(bare.metadata().isEmpty());
    }

    @Test
    @DisplayName("2: a record built with every field keeps every field")
    void recordWithEveryFieldKeepsEveryField() {
        Instant ts = Instant.parse("2023-01-02T03:04:05.123456789Z");
        byte[] payload = "payload-bytes".getBytes(StandardCharsets.UTF_8);
        PatchSummary summary = PatchSummary.of(2, 1, List.of("/key1", "/key2", "/key3"));
        DeltaRecord r = DeltaRecord.builder().index(7).timestamp(ts).strategyId("dict").stateFormatId("json-map")
                .codec("gzip", 9).payload(payload).rawSize(300).payloadSize(120).baseHash(HASH_A).targetHash(HASH_B)
                .summary(summary).metadata("source", "test").metadata("author", "me").build();
        assertEquals(7, r.index());
        assertEquals(ts, r.timestamp());
        assertEquals("dict", r.strategyId());
        assertEquals("json-map", r.stateFormatId());
        assertEquals("gzip", r.codecId());
        assertEquals(9, r.codecLevel());
        assertArrayEquals(payload, r.payload());
        assertEquals(payload.length, r.storedSize());
        assertEquals(300, r.rawSize());
        assertEquals(120, r.payloadSize());
        assertArrayEquals(HASH_A, r.baseHash());
        assertArrayEquals(HASH_B, r.targetHash());
        assertEquals(HexFormat.of().formatHex(HASH_A), r.baseHashHex());
        assertEquals(summary, r.summary());
        assertEquals(2, r.changes());
        assertEquals(1, r.removals());
        assertEquals(Map.of("source", "test", "author", "me"), r.metadata());
        assertEquals(300.0 / payload.length, r.payloadRatio(), 1e-9);
        assertEquals(300.0 / r.toBytes().length, r.compressionRatio(), 1e-9, "ours counts the whole record");
        assertEquals(r, r.toBuilder().build(), "toBuilder keeps every field");
    }

    @Test
    @DisplayName("3: the text form reads \"DeltaRecord(N changes, M removals, B bytes\"")
    void textForm() {
        DeltaRecord r = minimalRecord().payload(new byte[150]).summary(PatchSummary.of(2, 1, List.of())).build();
        assertTrue(r.toString().startsWith("DeltaRecord(2 changes, 1 removals, 150 bytes"), r.toString());
    }

    @Test
    @DisplayName("4: the dictionary (JSON) form round-trips every field")
    void jsonFormRoundTrips() {
        DeltaRecord r = DeltaRecord.builder().index(3).timestamp(Instant.parse("2023-01-02T03:04:05.000000001Z"))
                .strategyId("dict").stateFormatId("json-map").codec("gzip", 6).payload(new byte[] {1, 2, 3, -1})
                .rawSize(1234).payloadSize(99).baseHash(HASH_A).targetHash(HASH_B)
                .summary(PatchSummary.of(2, 1, List.of("/a", "/b/c", "/d"))).metadata("k", "v").build();
        DeltaRecord back = DeltaRecord.fromJson(r.toJson());
        assertEquals(r, back);
        assertEquals(r.toJson(), back.toJson());
    }

    // ---- compressor ----------------------------------------------------------------------------

    @Test
    @DisplayName("5: a compressor keeps its strategy, codec (identity = compression off) and level; out-of-range levels are refused")
    void compressorKeepsSettings() {
        DeltaCompressor<Map<String, Object>> off = dict("identity");
        assertEquals("dict", off.strategyId());
        assertEquals("identity", off.codec().id());
        assertEquals(0, off.level());

        DeltaCompressor<Map<String, Object>> nine = DeltaCompressor.builder(JsonFormats.map()).strategy("dict")
                .codec("gzip").level(9).build();
        assertEquals("dict", nine.strategyId());
        assertEquals("gzip", nine.codec().id());
        assertEquals(9, nine.level());

        // The original clamped levels to 1..9; ours refuses them.
        assertThrows(DeltaConfigurationException.class, () -> DeltaCompressor.builder(JsonFormats.map())
                .strategy("dict").codec("gzip").level(10).build());
        assertThrows(DeltaConfigurationException.class, () -> DeltaCompressor.builder(JsonFormats.map())
                .strategy("dict").codec("gzip").level(0).build());
        assertThrows(DeltaConfigurationException.class, () -> DeltaCompressor.builder(JsonFormats.map())
                .strategy("dict").codec("identity").level(9).build(), "identity has level 0 only");
    }

    @Test
    @DisplayName("6: a dict delta of s1 to s2 records key2=43, key5 added, key3 removed and key4's change inside the nested map")
    void dictDeltaOfS1ToS2() {
        DeltaRecord r = dict("identity").diff(s1(), s2());
        assertEquals("dict", r.strategyId(), "not a full snapshot");
        assertEquals(List.of("/key2", "/key3", "/key4/added", "/key5"), r.affectedKeys());
        assertFalse(r.affectedKeys().contains("/key4"), "key4 is patched inside, not replaced");
        assertEquals(3, r.changes());
        assertEquals(1, r.removals());

        Map<String, Object> payload = payloadJson(r);
        assertJsonEquals(map("key2", 43, "key5", "new_value"), payload.get("set"));
        assertJsonEquals(List.of("key3"), payload.get("remove"));
        Map<?, ?> nested = (Map<?, ?>) payload.get("nested");
        assertJsonEquals(map("key4", map("set", map("added", true))), nested);
        String text = new String(r.payload(), StandardCharsets.UTF_8);
        assertFalse(text.contains("\"nested\":\"value\""), "no copy of key4's unchanged member: " + text);
        assertFalse(text.contains("key1"), "unchanged key1 is not in the delta: " + text);

        assertEquals(JsonFormats.map().toBytes(s2()).length, r.rawSize(), "original size");
        assertEquals(r.payload().length, r.storedSize(), "compressed size");
        assertEquals((double) r.rawSize() / r.storedSize(), r.payloadRatio(), 1e-9);
        assertEquals((double) r.rawSize() / r.wireSize(), r.compressionRatio(), 1e-9);

        DeltaRecord gz = dict("gzip").diff(s1(), s2());
        assertTrue(gz.storedSize() > 0);
        assertEquals(gz.rawSize(), r.rawSize());
        assertEquals(r.affectedKeys(), gz.affectedKeys());
    }

    @Test
    @DisplayName("7: with \"include unchanged\" the delta also lists the unchanged keys and their values")
    void includeUnchanged() {
        DeltaCompressor<Map<String, Object>> c = DeltaCompressor.builder(JsonFormats.map())
                .strategy(DictStrategy.includingUnchanged()).codec("identity").clock(FIXED).build();
        DeltaRecord r = c.diff(s1(), s2());
        Map<String, Object> payload = payloadJson(r);
        assertJsonEquals(map("key1", "value1"), payload.get("unchanged"));
        assertJsonEquals(s2(), c.apply(s1(), r));
        // The discovered instance does not list them.
        assertFalse(payloadJson(dict("identity").diff(s1(), s2())).containsKey("unchanged"));
    }

    @Test
    @DisplayName("8: applying the s1 to s2 delta to s1 gives s2")
    void applyGivesS2() {
        for (String codec : List.of("identity", "gzip")) {
            DeltaCompressor<Map<String, Object>> c = dict(codec);
            DeltaRecord r = c.diff(s1(), s2());
            assertJsonEquals(s2(), c.apply(s1(), r));
            assertJsonEquals(s2(), c.apply(s1(), c.deserialize(c.serialize(r))));
        }
    }

    @Test
    @DisplayName("9: a record of changes {key1, key2} and removals [key3, key4] keeps them, has a size and a checksum")
    void recordOfChangesAndRemovals() {
        Map<String, Object> base = map("key3", "x", "key4", "y");
        Map<String, Object> target = map("key1", "value1", "key2", "value2");
        DeltaRecord r = dict("gzip").diff(base, target);
        assertEquals(2, r.changes());
        assertEquals(2, r.removals());
        assertEquals(List.of("/key1", "/key2", "/key3", "/key4"), r.affectedKeys());
        assertTrue(r.storedSize() > 0);
        assertTrue(r.rawSize() > 0);
        assertEquals(64, r.baseHashHex().length());
        assertEquals(64, r.targetHashHex().length());
        assertNotEquals(r.baseHashHex(), r.targetHashHex());
    }

    @Test
    @DisplayName("10: an empty delta is marked as empty in its metadata")
    void emptyDeltaMarked() {
        DeltaRecord r = dict("gzip").diff(s1(), s1());
        assertEquals("true", r.metadata().get("empty"));
        assertTrue(r.isEmpty());
        assertEquals(0, r.changes());
        assertEquals(0, r.removals());
        assertFalse(dict("gzip").diff(s1(), s2()).metadata().containsKey("empty"));
        assertFalse(dict("gzip").diff(s1(), s2()).isEmpty());
    }

    @Test
    @DisplayName("11: merging keeps a key removed then re-added, and takes the latest timestamp")
    void mergingKeepsRemovedThenReAddedKey() {
        Map<String, Object> v0 = map("key0", "base");
        Map<String, Object> v1 = map("key0", "base", "key1", "one");                      // key1 set
        Map<String, Object> v2 = map("key0", "base", "key2", "two");                      // key2 set, key1 removed
        Map<String, Object> v3 = map("key0", "base", "key2", "two", "key3", "three", "key1", "again"); // key3 set, key1 set again
        Instant t1 = T0.plusSeconds(1);
        Instant t2 = T0.plusSeconds(2);
        Instant t3 = T0.plusSeconds(3);
        DeltaRecord d1 = compressorAt(t1).diff(v0, v1);
        DeltaRecord d2 = compressorAt(t2).diff(v1, v2);
        DeltaRecord d3 = compressorAt(t3).diff(v2, v3);
        assertEquals(1, d2.removals(), "the middle delta removes key1");

        DeltaCompressor<Map<String, Object>> c = dict("gzip");
        DeltaRecord merged = c.merge(List.of(d1, d2, d3)).orElseThrow();
        Map<String, Object> sequential = c.apply(c.apply(c.apply(v0, d1), d2), d3);
        Map<String, Object> viaMerged = c.apply(v0, merged);
        assertJsonEquals(sequential, viaMerged);
        assertJsonEquals(v3, viaMerged);
        assertEquals("again", viaMerged.get("key1"), "key1 survives (the original deleted it)");
        assertEquals(t3, merged.timestamp());
        assertEquals(0, merged.removals(), "key1 is not listed as removed");
        assertTrue(merged.affectedKeys().containsAll(List.of("/key1", "/key2", "/key3")), merged.affectedKeys()::toString);
        assertEquals("3", merged.metadata().get("merged"));

        // Out of order timestamps: still the latest.
        DeltaRecord early = compressorAt(t1).diff(v2, v3);
        DeltaRecord merged2 = c.merge(List.of(compressorAt(t3).diff(v0, v1), compressorAt(t2).diff(v1, v2), early))
                .orElseThrow();
        assertEquals(t3, merged2.timestamp());
    }

    private static DeltaCompressor<Map<String, Object>> compressorAt(Instant t) {
        return DeltaCompressor.builder(JsonFormats.map()).strategy("dict").clock(Clock.fixed(t, ZoneOffset.UTC)).build();
    }

    @Test
    @DisplayName("12: merging an empty list gives an empty Optional, never null")
    void mergingNothing() {
        DeltaCompressor<Map<String, Object>> c = dict("gzip");
        Optional<DeltaRecord> merged = c.merge(List.of());
        assertTrue(merged.isEmpty());
        assertTrue(c.merge(s1(), List.of()).isEmpty());
    }

    @Test
    @DisplayName("13: serialising and deserialising a record keeps timestamp, changes, removals and checksums")
    void serialiseDeserialise() {
        DeltaCompressor<Map<String, Object>> c = dict("gzip");
        DeltaRecord r = c.diff(s1(), s2());
        DeltaRecord back = c.deserialize(c.serialize(r));
        assertEquals(r, back);
        assertEquals(T0, back.timestamp());
        assertEquals(r.changes(), back.changes());
        assertEquals(r.removals(), back.removals());
        assertEquals(r.affectedKeys(), back.affectedKeys());
        assertEquals(r.baseHashHex(), back.baseHashHex());
        assertEquals(r.targetHashHex(), back.targetHashHex());
        assertEquals(r, DeltaRecord.fromJson(r.toJson()));
    }

    // ---- chain ---------------------------------------------------------------------------------

    @Test
    @DisplayName("14: a new chain is empty: no versions, no deltas, metrics show length 0")
    void newChainIsEmpty() {
        DeltaChain<Map<String, Object>> chain = chain(5);
        assertEquals(0, chain.length());
        assertTrue(chain.isEmpty());
        assertTrue(chain.current().isEmpty());
        assertTrue(chain.base().isEmpty());
        assertThrows(VersionNotFoundException.class, () -> chain.deltaAt(0));
        ChainMetrics m = chain.metrics();
        assertEquals(0, m.length());
        assertEquals(0, m.totalChanges());
        assertEquals(0, m.rebaselines());
    }

    @Test
    @DisplayName("15: the first state added is the base and the current state; the second becomes current")
    void firstStateIsBase() {
        DeltaChain<Map<String, Object>> chain = chain(5);
        assertEquals(0, chain.add(c1()));
        assertJsonEquals(c1(), chain.base().orElseThrow());
        assertJsonEquals(c1(), chain.current().orElseThrow());
        assertEquals(1, chain.length());
        assertEquals(1, chain.add(c2()));
        assertJsonEquals(c2(), chain.current().orElseThrow());
        assertJsonEquals(c1(), chain.base().orElseThrow());
        assertEquals(2, chain.length());
    }

    @Test
    @DisplayName("16: after three adds index 0 is the first state, the last the third; past the end is an error")
    void randomAccess() {
        DeltaChain<Map<String, Object>> chain = chain(5);
        chain.add(c1());
        chain.add(c2());
        chain.add(c3());
        assertEquals(3, chain.length());
        assertJsonEquals(c1(), chain.stateAt(0));
        assertJsonEquals(c2(), chain.stateAt(1));
        Map<String, Object> last = chain.stateAt(2);
        assertJsonEquals(c3(), last);
        assertFalse(last.containsKey("key2"));
        assertTrue(chain.deltaAt(0).isEmpty(), "version 0 is the base: no delta");
        assertTrue(chain.deltaAt(2).isPresent());
        VersionNotFoundException e = assertThrows(VersionNotFoundException.class, () -> chain.stateAt(3));
        assertInstanceOf(DeltaException.class, e);
        assertThrows(VersionNotFoundException.class, () -> chain.stateAt(-1));
        assertThrows(VersionNotFoundException.class, () -> chain.deltaAt(3));
    }

    @Test
    @DisplayName("17: rebaselining makes the current state the base, leaves one version and counts one rebaseline")
    void rebaseline() {
        DeltaChain<Map<String, Object>> chain = chain(5);
        chain.add(c1());
        chain.add(c2());
        chain.add(c3());
        chain.rebaseline();
        assertEquals(1, chain.length());
        assertJsonEquals(c3(), chain.base().orElseThrow());
        assertJsonEquals(c3(), chain.current().orElseThrow());
        assertJsonEquals(c3(), chain.stateAt(0));
        assertEquals(1, chain.metrics().rebaselines());
        assertTrue(chain.verify().problems().isEmpty(), () -> chain.verify().toString());
    }

    @Test
    @DisplayName("18: with max length 3 and REBASE, adding {a:1} to {a:4} rebases once")
    void rebasePolicy() {
        DeltaChain<Map<String, Object>> chain = chain(3);
        for (int i = 1; i <= 4; i++) {
            chain.add(map("a", i));
        }
        assertEquals(1, chain.length());
        assertJsonEquals(map("a", 4), chain.base().orElseThrow());
        assertJsonEquals(map("a", 4), chain.current().orElseThrow());
        assertEquals(1, chain.metrics().optimisations());
        assertEquals(1, chain.metrics().rebaselines());
    }

    @Test
    @DisplayName("19: clearing empties the chain: no base, length 0, total changes 0")
    void clear() {
        DeltaChain<Map<String, Object>> chain = chain(5);
        chain.add(c1());
        chain.add(c2());
        chain.add(c3());
        assertTrue(chain.metrics().totalChanges() > 0);
        chain.clear();
        assertTrue(chain.base().isEmpty());
        assertTrue(chain.current().isEmpty());
        assertEquals(0, chain.length());
        assertEquals(0, chain.metrics().length());
        assertEquals(0, chain.metrics().totalChanges());
        assertEquals(0, chain.metrics().totalRemovals());
        chain.add(c2());
        assertJsonEquals(c2(), chain.base().orElseThrow());
    }

    // ---- utilities -----------------------------------------------------------------------------

    @Test
    @DisplayName("20: the keys a delta affects are its changed keys plus its removed keys")
    void affectedKeys() {
        DeltaRecord r = dict("identity").diff(s1(), s2());
        Map<String, Object> payload = payloadJson(r);
        TreeSet<String> expected = new TreeSet<>();
        ((Map<?, ?>) payload.get("set")).keySet().forEach(k -> expected.add("/" + k));
        ((List<?>) payload.get("remove")).forEach(k -> expected.add("/" + k));
        expected.add("/key4/added");
        assertEquals(new ArrayList<>(expected), r.affectedKeys());
        assertEquals(r.changes() + r.removals(), r.affectedKeys().size());
        DeltaRecord onlyRemovals = dict("identity").diff(map("x", 1, "y", 2), map());
        assertEquals(List.of("/x", "/y"), onlyRemovals.affectedKeys());
        assertEquals(0, onlyRemovals.changes());
        DeltaRecord escaped = dict("identity").diff(map(), map("a/b", 1, "m~n", 2));
        assertEquals(List.of("/a~1b", "/m~0n"), escaped.affectedKeys(), "RFC 6901 escapes '/' and '~'");
    }

    @Test
    @DisplayName("21: the library's error type carries its message and is an unchecked exception")
    void errorType() {
        DeltaException e = new DeltaException("something went wrong");
        assertEquals("something went wrong", e.getMessage());
        assertInstanceOf(RuntimeException.class, e);
        IllegalStateException cause = new IllegalStateException("root");
        DeltaException withCause = new DeltaException("wrapped", cause);
        assertEquals("wrapped", withCause.getMessage());
        assertSame(cause, withCause.getCause());
        DeltaException thrown = assertThrows(DeltaException.class, () -> {
            throw new DeltaException("thrown");
        });
        assertEquals("thrown", thrown.getMessage());
    }
}
