package io.deltachain.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltachain.api.CorruptDeltaException;
import io.deltachain.api.DeltaRegistry;
import io.deltachain.api.InconsistentRecordException;
import io.deltachain.api.PatchSummary;
import io.deltachain.api.RecordIndexMismatchException;
import io.deltachain.api.StateFormats;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.TreeMap;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * A record whose CRC is right but whose header disagrees with its payload, its result or its place in
 * a chain is refused, naming the field, the claimed and the actual value.
 */
class RecordHeaderChecksTest {
    /** The suffix strategy with a summary: one change (the new suffix), removals = the chars cut, key "/". */
    static final class SummarisingSuffix extends Fixtures.TextStrategy {
        private final Fixtures.SuffixStrategy inner = new Fixtures.SuffixStrategy("summed");

        SummarisingSuffix() {
            super("summed", 0);
        }

        @Override
        public byte[] diff(String base, String target) {
            return inner.diff(base, target);
        }

        @Override
        public String apply(String base, byte[] payload, io.deltachain.api.Limits limits) {
            return inner.apply(base, payload, limits);
        }

        @Override
        public PatchSummary summary(byte[] payload) {
            String p = new String(payload, StandardCharsets.UTF_8);
            return PatchSummary.of(1, p.length() - p.indexOf(':') - 1, List.of("/" + p.substring(0, p.indexOf(':'))));
        }
    }

    private final DeltaRegistry registry = Fixtures.registry(new Fixtures.SuffixStrategy("suffix"),
            new SummarisingSuffix());

    private DeltaCompressor<String> compressor(String strategy, String codec) {
        return DeltaCompressor.builder(StateFormats.utf8()).registry(registry).strategy(strategy).codec(codec)
                .clock(Fixtures.CLOCK).build();
    }

    private static InconsistentRecordException refused(String field, Object claimed, Object actual, Executable apply) {
        InconsistentRecordException e = assertThrows(InconsistentRecordException.class, apply);
        assertEquals(field, e.field(), e.getMessage());
        assertEquals(String.valueOf(claimed), e.claimed(), e.getMessage());
        assertEquals(String.valueOf(actual), e.actual(), e.getMessage());
        assertTrue(e.getMessage().contains(field + " " + claimed), e.getMessage());
        assertInstanceOf(CorruptDeltaException.class, e);
        return e;
    }

    @Test
    void theRecordAsMadeApplies() {
        DeltaCompressor<String> c = compressor("summed", "gzip");
        DeltaRecord r = c.diff("hello world", "hello there!");
        assertEquals(PatchSummary.of(1, 6, List.of("/6")), r.summary());
        assertEquals("hello there!", c.apply("hello world", DeltaRecord.fromBytes(r.toBytes())));
        assertEquals("hello there!", c.apply("hello world", DeltaRecord.fromJson(r.toJson())));
    }

    @Test
    void aPayloadSizeThatIsNotTheDecodedPayloadsIsRefused() {
        DeltaCompressor<String> c = compressor("suffix", "gzip");
        DeltaRecord r = c.diff("abc", "abd");
        InconsistentRecordException e = refused("payload size", 99, r.payloadSize(),
                () -> c.apply("abc", r.toBuilder().payloadSize(99).build()));
        assertTrue(e.getMessage().contains("decodes to " + r.payloadSize() + " bytes"), e.getMessage());
        refused("payload size", 99, r.payloadSize(), () -> c.describe(r.toBuilder().payloadSize(99).build()));
    }

    @Test
    void aCodecLevelOutsideTheCodecsRangeIsRefused() {
        DeltaCompressor<String> c = compressor("suffix", "gzip");
        DeltaRecord r = c.diff("abc", "abd");
        InconsistentRecordException e = refused("codec level", 42, "1 to 9",
                () -> c.apply("abc", r.toBuilder().codec("gzip", 42).build()));
        assertTrue(e.getMessage().contains("codec 'gzip' takes levels 1 to 9"), e.getMessage());
        DeltaRecord identity = compressor("suffix", "identity").diff("abc", "abd");
        refused("codec level", -1, "0 to 0", () -> c.apply("abc", identity.toBuilder().codec("identity", -1).build()));
        assertEquals("abd", c.apply("abc", r.toBuilder().codec("gzip", 1).build()), "any level in range decodes");
    }

    @Test
    void aRawSizeThatIsNotTheResultsIsRefused() {
        DeltaCompressor<String> c = compressor("suffix", "gzip");
        DeltaRecord r = c.diff("abc", "abde");
        InconsistentRecordException e = refused("raw size", 3, 4, () -> c.apply("abc", r.toBuilder().rawSize(3).build()));
        assertTrue(e.getMessage().contains("4 canonical bytes"), e.getMessage());
    }

    @Test
    void aSummaryThatIsNotWhatThePayloadHoldsIsRefused() {
        DeltaCompressor<String> c = compressor("summed", "gzip");
        DeltaRecord r = c.diff("hello world", "hello there!");
        refused("summary changes", 2, 1, () -> c.apply("hello world", r.toBuilder()
                .summary(PatchSummary.of(2, 6, List.of("/6"))).build()));
        refused("summary removals", 0, 6, () -> c.apply("hello world", r.toBuilder()
                .summary(PatchSummary.of(1, 0, List.of("/6"))).build()));
        refused("affected keys", List.of("/x"), List.of("/6"), () -> c.apply("hello world", r.toBuilder()
                .summary(PatchSummary.of(1, 6, List.of("/x"))).build()));
        assertEquals("hello there!", c.apply("hello world", r.toBuilder().summary(PatchSummary.UNKNOWN).build()),
                "an unknown summary claims nothing");
        DeltaRecord unsummarised = compressor("suffix", "gzip").diff("abc", "abd");
        assertEquals("abd", c.apply("abc", unsummarised.toBuilder().summary(PatchSummary.of(5, 5, List.of())).build()),
                "a strategy that cannot summarise cannot check a summary");
    }

    @Test
    void aForgedListOfManyKeysMakesAMessageOfBoundedLength() {
        DeltaCompressor<String> c = compressor("summed", "gzip");
        DeltaRecord r = c.diff("hello world", "hello there!");
        List<String> forged = java.util.Collections.nCopies(500_000, "/b");
        DeltaRecord bad = DeltaRecord.fromBytes(r.toBuilder().summary(PatchSummary.of(1, 6, forged)).build().toBytes());
        InconsistentRecordException e = assertThrows(InconsistentRecordException.class, () -> c.apply("hello world", bad));
        assertTrue(e.getMessage().length() <= io.deltachain.api.DeltaException.MAX_MESSAGE_LENGTH, () -> "message of "
                + e.getMessage().length() + " characters");
        assertTrue(e.getMessage().startsWith("record #0: its header says affected keys [/b, /b"), e.getMessage());
        assertTrue(e.getMessage().contains("characters left out"), e.getMessage());
        assertTrue(e.getMessage().endsWith("get it again from its source"), e.getMessage());
    }

    @Test
    void aSummaryOfMoreKeysThanARecordListsIsStoredAsNotKnownWithItsCounts() {
        DeltaCompressor<String> c = compressor("summed", "gzip");
        DeltaRecord r = c.diff("hello world", "hello there!");
        List<String> many = new java.util.ArrayList<>();
        for (int i = 0; i <= DeltaRecord.MAX_AFFECTED_KEYS; i++) {
            many.add("/" + i);
        }
        DeltaRecord big = r.toBuilder().summary(PatchSummary.of(7, 8, many)).build();
        assertEquals(new PatchSummary(false, 7, 8, List.of()), big.summary());
        assertEquals(big, DeltaRecord.fromBytes(big.toBytes()), "what is built reads back");
        assertEquals(big, DeltaRecord.fromJson(big.toJson()));
        assertEquals("hello there!", c.apply("hello world", big));
    }

    @Test
    void anUnknownSummaryListsNoKeysAndHashesAreLowerCaseHex() {
        DeltaCompressor<String> c = compressor("summed", "gzip");
        DeltaRecord r = c.diff("hello world", "hello there!");
        DeltaRecord unknown = r.toBuilder().summary(new PatchSummary(false, 1, 6, List.of("/6"))).build();
        assertEquals(new PatchSummary(false, 1, 6, List.of()), unknown.summary(), "built without its keys");
        assertEquals(unknown, DeltaRecord.fromBytes(unknown.toBytes()));
        String json = r.toJson();
        String forged = json.replace("\"known\":true", "\"known\":false");
        CorruptDeltaException e = assertThrows(CorruptDeltaException.class, () -> DeltaRecord.fromJson(forged));
        assertTrue(e.getMessage().contains("not known but lists 1 affected keys"), e.getMessage());
        String hex = r.toJson().replace(java.util.HexFormat.of().formatHex(r.baseHash()),
                java.util.HexFormat.of().withUpperCase().formatHex(r.baseHash()));
        e = assertThrows(CorruptDeltaException.class, () -> DeltaRecord.fromJson(hex));
        assertTrue(e.getMessage().contains("'baseSha256' must be 64 lower-case hex digits"), e.getMessage());
        String urlSafe = json.replaceFirst("\"payload\":\"", "\"payload\":\"-_");
        e = assertThrows(CorruptDeltaException.class, () -> DeltaRecord.fromJson(urlSafe));
        assertTrue(e.getMessage().contains("'payload' is not base64 in the standard alphabet"), e.getMessage());
    }

    @Test
    void metadataIsBoundedAndItsWireKeysMustBeInOrder() {
        DeltaCompressor<String> c = compressor("suffix", "identity");
        DeltaRecord r = c.diff("abc", "abd").toBuilder().metadata(java.util.Map.of("a", "x", "b", "y")).build();
        byte[] wire = r.toBytes();
        String text = new String(wire, StandardCharsets.ISO_8859_1);
        int a = text.indexOf("\0\0\0\1a\0\0\0\1x");
        assertTrue(a > 0);
        // swap the two entries: same bytes, keys out of order
        System.arraycopy("\0\0\0\1b\0\0\0\1y\0\0\0\1a\0\0\0\1x".getBytes(StandardCharsets.ISO_8859_1), 0, wire, a, 20);
        recrc(wire);
        CorruptDeltaException e = assertThrows(CorruptDeltaException.class, () -> DeltaRecord.fromBytes(wire));
        assertTrue(e.getMessage().contains("metadata key 1") && e.getMessage().contains("out of order"), e.getMessage());
        java.util.Map<String, String> many = new java.util.TreeMap<>();
        for (int i = 0; i <= DeltaRecord.MAX_METADATA_ENTRIES; i++) {
            many.put("k" + i, "");
        }
        assertThrows(io.deltachain.api.DeltaConfigurationException.class, () -> r.toBuilder().metadata(many).build());
    }

    private static void recrc(byte[] wire) {
        CRC32C crc = new CRC32C();
        crc.update(wire, 0, wire.length - 4);
        ByteBuffer.wrap(wire).putInt(wire.length - 4, (int) crc.getValue());
    }

    /** Rewrites the raw size in a record's wire bytes and makes the CRC32C right again. */
    private static byte[] withRawSize(DeltaRecord r, long rawSize) {
        byte[] wire = r.toBytes();
        int at = 10 + 4 + 12 + 3 + r.strategyId().length() + r.stateFormatId().length() + r.codecId().length() + 4;
        ByteBuffer.wrap(wire).putLong(at, rawSize);
        recrc(wire);
        return wire;
    }

    @Test
    void aForgedHeaderWithAGoodCrcReadsButDoesNotApply() {
        DeltaCompressor<String> c = compressor("suffix", "gzip");
        DeltaRecord r = c.diff("abc", "abde");
        DeltaRecord forged = DeltaRecord.fromBytes(withRawSize(r, 1000));
        assertEquals(1000, forged.rawSize(), "the CRC vouches only for the bytes");
        refused("raw size", 1000, 4, () -> c.apply("abc", forged));
        DeltaRecord fromJson = DeltaRecord.fromJson(r.toJson().replace("\"rawSize\":4", "\"rawSize\":5"));
        refused("raw size", 5, 4, () -> c.apply("abc", fromJson));
        refused("storedSize", 1, r.storedSize(),
                () -> DeltaRecord.fromJson(r.toJson().replace("\"storedSize\":" + r.storedSize(), "\"storedSize\":1")));
    }

    @Test
    void aRawSizeNoStateCanHaveIsRefusedOnReading() {
        DeltaRecord r = compressor("suffix", "gzip").diff("abc", "abde");
        long impossible = 1L << 62;
        refused("raw size", impossible, "at most " + Integer.MAX_VALUE,
                () -> DeltaRecord.fromBytes(withRawSize(r, impossible)));
        refused("raw size", impossible, "at most " + Integer.MAX_VALUE,
                () -> DeltaRecord.fromJson(r.toJson().replace("\"rawSize\":4", "\"rawSize\":" + impossible)));
        assertEquals(Integer.MAX_VALUE, DeltaRecord.fromBytes(withRawSize(r, Integer.MAX_VALUE)).rawSize(),
                "the largest state's size is possible");
        assertThrows(io.deltachain.api.DeltaConfigurationException.class,
                () -> r.toBuilder().rawSize(impossible).build(), "what reading refuses is never built");
    }

    @Test
    void aRawSizeAboveTheStateLimitIsRefusedBeforeItsPayloadIsDecoded() {
        DeltaRecord r = compressor("suffix", "gzip").diff("abc", "abde");
        DeltaCompressor<String> small = DeltaCompressor.builder(StateFormats.utf8()).registry(registry)
                .strategy("suffix").codec("gzip").limits(io.deltachain.api.Limits.defaults().withMaxStateBytes(100))
                .build();
        DeltaRecord claimsMore = DeltaRecord.fromBytes(withRawSize(r, 1000)).toBuilder().payload(new byte[0]).build();
        io.deltachain.api.LimitExceededException e = assertThrows(io.deltachain.api.LimitExceededException.class,
                () -> small.apply("abc", claimsMore), "refused on the claim, not on the empty payload");
        assertEquals(io.deltachain.api.Limit.STATE_BYTES, e.limit(), e.getMessage());
        assertThrows(io.deltachain.api.LimitExceededException.class, () -> small.check(claimsMore));
    }

    @Test
    void checkFindsWhatNeedsNoBase() {
        DeltaCompressor<String> c = compressor("summed", "gzip");
        DeltaRecord r = c.diff("hello world", "hello there!");
        c.check(r);
        c.check(DeltaRecord.fromJson(r.toJson()));
        refused("codec level", 42, "1 to 9", () -> c.check(r.toBuilder().codec("gzip", 42).build()));
        refused("payload size", 99, r.payloadSize(), () -> c.check(r.toBuilder().payloadSize(99).build()));
        refused("summary changes", 2, 1, () -> c.check(r.toBuilder().summary(PatchSummary.of(2, 6, List.of("/6")))
                .build()));
        assertThrows(CorruptDeltaException.class, () -> c.check(r.toBuilder().payload(new byte[0]).build()),
                "an empty gzip payload does not decode");
    }

    @Test
    void aMemberTheJsonFormDoesNotDefineIsRefused() {
        DeltaRecord r = compressor("summed", "gzip").diff("hello world", "hello there!");
        String json = r.toJson();
        CorruptDeltaException top = assertThrows(CorruptDeltaException.class,
                () -> DeltaRecord.fromJson(json.replace("{\"baseSha256\"", "{\"bogus\":1,\"baseSha256\"")));
        assertTrue(top.getMessage().contains("member 'bogus'"), top.getMessage());
        CorruptDeltaException inner = assertThrows(CorruptDeltaException.class,
                () -> DeltaRecord.fromJson(json.replace("\"known\":true", "\"known\":true,\"moved\":0")));
        assertTrue(inner.getMessage().contains("member 'summary.moved'"), inner.getMessage());
        assertEquals(json, DeltaRecord.fromJson(json.replace(",\"storedSize\":" + r.storedSize(), "")).toJson(),
                "storedSize is optional");
    }

    private DeltaChain<String> chain(int versions) {
        DeltaChain<String> chain = DeltaChain.builder(StateFormats.utf8()).compressor(compressor("suffix", "gzip"))
                .build();
        for (int i = 0; i < versions; i++) {
            chain.add("state " + i);
        }
        return chain;
    }

    @Test
    void aChainTakesARecordAtItsOwnIndexOrOneMadeOutsideAChain() {
        DeltaChain<String> primary = chain(5);
        DeltaChain<String> replica = chain(3);
        assertEquals(3, replica.append(primary.deltaAt(3).orElseThrow()));
        DeltaRecord unplaced = compressor("suffix", "gzip").diff("state 3", "state 4");
        assertEquals(0, unplaced.index());
        assertEquals(4, replica.append(unplaced));
        assertEquals("state 4", replica.stateAt(4));
        assertEquals(4, replica.deltaAt(4).orElseThrow().index(), "stored as the chain's own record");
    }

    @Test
    void aRecordClaimingAnotherVersionIsRefusedUnlessRenumbered() {
        DeltaChain<String> primary = chain(8);
        DeltaChain<String> replica = chain(2);
        DeltaRecord composed = primary.deltaBetween(1, 7);
        RecordIndexMismatchException e = assertThrows(RecordIndexMismatchException.class,
                () -> replica.append(composed));
        assertEquals(7, e.claimedIndex());
        assertEquals(2, e.expectedIndex());
        assertEquals("index", e.field());
        assertTrue(e.getMessage().contains("index 7") && e.getMessage().contains("version 2")
                && e.getMessage().contains("appendRenumbered"), e.getMessage());
        assertEquals(2, replica.length(), "nothing stored");
        assertEquals(2, replica.appendRenumbered(composed));
        assertEquals("state 7", replica.stateAt(2));
        assertEquals(2, replica.deltaAt(2).orElseThrow().index());
        assertTrue(replica.verify().ok(), replica.verify().problems().toString());
    }

    @Test
    void aStoredRecordAtAnotherIndexIsDamageNamingBoth() {
        DeltaChain<String> chain = chain(4);
        InMemoryChainStore store = (InMemoryChainStore) chain.store();
        ChainManifest m = store.readManifest().orElseThrow();
        TreeMap<Integer, byte[]> records = new TreeMap<>();
        TreeMap<Integer, byte[]> snapshots = new TreeMap<>();
        snapshots.put(0, store.readSnapshot(0));
        for (int i = 1; i < 4; i++) {
            DeltaRecord r = chain.deltaAt(i).orElseThrow();
            records.put(i, (i == 2 ? r.withIndex(9) : r).toBytes());
        }
        try (ChainStore.Writer w = store.lock()) {
            w.replace(m.withGeneration(m.generation()), snapshots, records);
        }
        DeltaChain<String> reopened = DeltaChain.open(store, registry, StateFormats.utf8());
        assertEquals("state 1", reopened.stateAt(1));
        DamagedVersionException e = assertThrows(DamagedVersionException.class, () -> reopened.stateAt(3));
        RecordIndexMismatchException cause = assertInstanceOf(RecordIndexMismatchException.class, e.getCause());
        assertEquals(9, cause.claimedIndex());
        assertEquals(2, cause.expectedIndex());
        assertTrue(e.getMessage().contains("index 9") && e.getMessage().contains("version 2"), e.getMessage());
        assertThrows(DamagedVersionException.class, () -> reopened.deltaAt(2));
        assertEquals(List.of(2, 3), List.copyOf(reopened.damagedVersions().keySet()));
        assertTrue(!reopened.verify().ok());
    }
}
