package io.deltachain.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltachain.api.DeltaException;
import io.deltachain.api.DeltaRegistry;
import io.deltachain.api.Limits;
import io.deltachain.core.ChainVerification;
import io.deltachain.core.DeltaChain;
import io.deltachain.core.DeltaCompressor;
import io.deltachain.core.DeltaRecord;
import io.deltachain.core.Deltas;
import io.deltachain.core.DirectoryChainStore;
import io.deltachain.core.FsyncPolicy;
import io.deltachain.spi.DeltaStrategy;
import io.deltachain.spi.StateFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every single-byte flip of a sample record and of a sample directory chain is noticed: each byte at
 * each position (or, by default, at a deterministic sample of positions) is xor-ed with 0x01, 0x80
 * and 0xFF. A flipped record must be refused with a {@link DeltaException} or apply to exactly the
 * original target; a flipped chain file must make the chain refuse to open, refuse a version, or
 * report the damage ({@link DeltaChain#verify()}, {@link DeltaChain#damagedVersions()}), unless every
 * version still reads exactly as written and nothing is reported (a harmless flip). A version that
 * reads as anything but what was written fails the test at once. The counts are printed.
 *
 * <p>{@code -Ddeltachain.flips=all} flips every position; {@code -Ddeltachain.flips=N} at most N
 * positions per record or file, evenly spread (default {@value #DEFAULT_POSITIONS} for chain files;
 * records, which fail at their CRC cheaply, are flipped at every position by default).
 */
class ByteFlipDetectionTest {
    static final int DEFAULT_POSITIONS = 160;
    private static final int[] FLIPS = {0x01, 0x80, 0xFF};
    private static final int VERSIONS = 10;
    private static final DeltaRegistry REGISTRY = Deltas.registry();
    private static final Path WORK = Path.of("target", "byte-flips");

    /** Tallies of one sample. */
    static final class Counts {
        long positions;
        long flips;
        long refused;
        long reported;
        long harmless;
        long undetected;
        long beyond;

        long detected() {
            return refused + reported + harmless;
        }

        String line(String what) {
            return String.format(Locale.ROOT, "%-44s %6d positions %6d flips: %6d refused, %5d reported, %4d harmless,"
                    + " %d undetected, 0 silent wrong, %d lost beyond the damage; %.2f %% detected", what, positions,
                    flips, refused, reported, harmless, undetected, beyond, 100.0 * detected() / flips);
        }

        void add(Counts o) {
            positions += o.positions;
            flips += o.flips;
            refused += o.refused;
            reported += o.reported;
            harmless += o.harmless;
            undetected += o.undetected;
            beyond += o.beyond;
        }
    }

    /** @return the positions of a {@code length}-byte input to flip: all, or an even spread of at most {@code max} */
    static int[] positions(int length, int max) {
        String setting = System.getProperty("deltachain.flips", "");
        int n = setting.equals("all") ? length : Math.min(length, setting.isEmpty() ? max : Integer.parseInt(setting));
        int[] at = new int[n];
        for (int i = 0; i < n; i++) {
            at[i] = (int) ((long) i * length / n);
        }
        return at;
    }

    // ---- records ----

    @Test
    void everyFlipOfASampleRecordOfEachStrategyAndCodecIsRefused() {
        Counts total = new Counts();
        for (String strategyId : REGISTRY.strategyIds()) {
            DeltaStrategy<?> s = REGISTRY.strategy(strategyId);
            if (Samples.base(s.stateFormat().id()) == null) {
                continue;
            }
            for (String codec : REGISTRY.codecIds()) {
                Counts c = flipRecord(s, codec);
                if (c != null) {
                    System.out.println("byte flips, record " + c.line(strategyId + " / " + codec));
                    total.add(c);
                }
            }
        }
        System.out.println("byte flips, records " + total.line("all"));
        assertTrue(total.flips > 0, "no record was flipped");
        assertEquals(total.flips, total.detected(), "every flip of a record is refused or harmless");
    }

    /** Flips the wire form of one record of {@code s} with {@code codec}; null when no sample pair suits {@code s}. */
    private static <S> Counts flipRecord(DeltaStrategy<S> s, String codec) {
        StateFormat<S> format = s.stateFormat();
        S base = Targets.state(format, Samples.base(format.id()));
        DeltaCompressor<S> c = DeltaCompressor.builder(format).registry(REGISTRY).strategy(s).codec(codec)
                .limits(Hostile.LIMITS).build();
        for (byte[] newer : Samples.newer(format.id())) {
            byte[] target = format.toBytes(Targets.state(format, newer));
            DeltaRecord record;
            try {
                record = c.diff(base, Targets.state(format, newer));
            } catch (DeltaException declined) {
                continue; // not every pair suits every strategy
            }
            if (record.isEmpty()) {
                continue;
            }
            byte[] wire = record.toBytes();
            assertArrayEquals(target, format.toBytes(c.apply(base, DeltaRecord.fromBytes(wire, Hostile.LIMITS))));
            Counts counts = new Counts();
            for (int p : positions(wire.length, Integer.MAX_VALUE)) {
                counts.positions++;
                for (int flip : FLIPS) {
                    counts.flips++;
                    byte[] flipped = wire.clone();
                    flipped[p] ^= (byte) flip;
                    byte[] out;
                    try {
                        out = format.toBytes(c.apply(base, DeltaRecord.fromBytes(flipped, Hostile.LIMITS)));
                    } catch (DeltaException refused) {
                        counts.refused++;
                        continue;
                    }
                    if (!Arrays.equals(out, target)) {
                        throw new AssertionError(s.id() + "/" + codec + " record with byte " + p + " xor 0x"
                                + Integer.toHexString(flip) + " applied to a state that is not its target: a silent"
                                + " wrong result");
                    }
                    counts.harmless++;
                }
            }
            return counts;
        }
        return null;
    }

    // ---- a directory chain ----

    /** A json-map state per version: the sample base with version {@code v}'s edits. */
    private static byte[] state(int v) {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i <= v % 4; i++) {
            lines.append(i == 0 ? "" : ",").append("{\"sku\":\"s").append(i).append("\",\"qty\":").append(v + i)
                    .append('}');
        }
        return ("{\"id\":" + v + ",\"name\":\"order " + "ab".repeat(v) + "\",\"lines\":[" + lines + "],\"tags\":{\"v"
                + (v % 3) + "\":true},\"note\":\"~/a\"}").getBytes(StandardCharsets.UTF_8);
    }

    private static DirectoryChainStore store(Path dir) {
        return new DirectoryChainStore(dir, Hostile.LIMITS, FsyncPolicy.never(), Duration.ofSeconds(10));
    }

    @Test
    void everyFlipOfASampleDirectoryChainIsRefusedReportedOrHarmless() throws IOException {
        StateFormat<?> format = REGISTRY.stateFormat("json-map");
        Files.createDirectories(WORK);
        Path seed = Files.createTempDirectory(WORK, "seed");
        Path dir = Files.createTempDirectory(WORK, "run");
        try {
            Map<String, byte[]> files = new LinkedHashMap<>();
            List<byte[]> written = writeChain(format, seed);
            try (Stream<Path> listing = Files.list(seed)) {
                for (Path f : listing.sorted().toList()) {
                    if (!f.getFileName().toString().equals("lock")) {
                        files.put(f.getFileName().toString(), Files.readAllBytes(f));
                    }
                }
            }
            assertEquals(3, files.size(), "manifest, index and segment: " + files.keySet());
            Counts total = new Counts();
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                Counts counts = new Counts();
                byte[] original = file.getValue();
                for (int p : positions(original.length, DEFAULT_POSITIONS)) {
                    counts.positions++;
                    for (int flip : FLIPS) {
                        counts.flips++;
                        byte[] flipped = original.clone();
                        flipped[p] ^= (byte) flip;
                        reset(dir, files);
                        Files.write(dir.resolve(file.getKey()), flipped);
                        classify(format, dir, written, counts, file.getKey() + " byte " + p + " xor 0x"
                                + Integer.toHexString(flip), whatMayFail(file.getKey(), p, original));
                    }
                }
                String kind = file.getKey().endsWith(".dseg") ? "segment" : file.getKey().endsWith(".didx") ? "index"
                        : "manifest";
                System.out.println("byte flips, chain " + counts.line(kind + " (" + original.length + " bytes)"));
                total.add(counts);
            }
            System.out.println("byte flips, chain " + total.line(VERSIONS + "-version json-map chain, all files"));
            assertEquals(0, total.undetected, "every flip of a chain file is refused, reported or harmless");
            assertEquals(0, total.beyond, "every version that does not depend on the flipped bytes still reads");
        } finally {
            delete(seed);
            delete(dir);
        }
    }

    /** Writes the sample chain into {@code dir}; returns each version's canonical bytes. */
    private static <S> List<byte[]> writeChain(StateFormat<S> format, Path dir) {
        DeltaChain<S> chain = DeltaChain.builder(format).snapshotEvery(4)
                .compressor(DeltaCompressor.builder(format).registry(REGISTRY).limits(Hostile.LIMITS).build())
                .store(new DirectoryChainStore(dir, Hostile.LIMITS, FsyncPolicy.always(), Duration.ofSeconds(10)))
                .build();
        List<byte[]> written = new ArrayList<>();
        for (int v = 0; v < VERSIONS; v++) {
            S s = Targets.state(format, state(v));
            chain.add(s);
            written.add(format.toBytes(s));
        }
        assertTrue(chain.verify().ok(), chain.verify().toString());
        return written;
    }

    /**
     * Which versions a flip at {@code position} of {@code file} may stop: every one for the manifest, the
     * 16-byte headers of the index and segment (the settings and the files' identity) and version 0's snapshot
     * frame (the later snapshots are deltas from it, store formats 3 and 4); none for an index entry
     * (the frames it points to are whole, and are found between the entries around it); in the segment, the
     * versions from the one whose frame holds the byte to the last that rebuilds through it (the sample takes
     * a snapshot every 4 versions: 0, 4, 8), found as a suffix of one such group.
     */
    private static java.util.function.Predicate<List<Integer>> whatMayFail(String file, int position, byte[] bytes) {
        if (file.endsWith(".json") || position < 16) { // docs/FORMAT.md: the index's and the segment's 16-byte headers
            return failed -> true;
        }
        // Version 0's snapshot frame starts after the segment's header; in store formats 3 and 4 the snapshots after it
        // are deltas from it (up to 7 or 31 deep), so every version of this small chain may need its bytes.
        if (file.endsWith(".dseg") && position < 16 + 14 + java.nio.ByteBuffer.wrap(bytes, 16 + 6, 4).getInt()) {
            return failed -> true;
        }
        if (file.endsWith(".didx")) {
            return List::isEmpty;
        }
        return failed -> {
            if (failed.isEmpty()) {
                return true;
            }
            int first = failed.get(0);
            int groupEnd = Math.min(VERSIONS - 1, first / 4 * 4 + 3);
            return failed.equals(java.util.stream.IntStream.rangeClosed(first, groupEnd).boxed().toList());
        };
    }

    /**
     * Opens the flipped chain, reads every version and verifies it: refused (a {@link DeltaException}
     * on open or on a read), reported (verify or damagedVersions names a fault), harmless (every version
     * as written, nothing reported) or undetected (fewer versions, nothing reported).
     */
    private static <S> void classify(StateFormat<S> format, Path dir, List<byte[]> written, Counts counts,
                                     String flip, java.util.function.Predicate<List<Integer>> mayFail) {
        DeltaChain<S> chain;
        List<Integer> all = java.util.stream.IntStream.range(0, written.size()).boxed().toList();
        int length;
        try {
            chain = DeltaChain.open(store(dir), REGISTRY, format, Hostile.LIMITS);
            length = chain.length();
        } catch (DeltaException refused) {
            counts.refused++;
            beyond(counts, mayFail, all, flip + " (the chain does not open: " + refused.getMessage() + ")");
            return;
        }
        boolean refused = false;
        List<Integer> failed = new ArrayList<>();
        for (int v = 0; v < length; v++) {
            try {
                byte[] read = format.toBytes(chain.stateAt(v));
                if (v >= written.size() || !Arrays.equals(read, written.get(v))) {
                    throw new AssertionError("after " + flip + ", version " + v + " read as a state that was never"
                            + " written: a silent wrong result");
                }
            } catch (DeltaException e) {
                refused = true;
                failed.add(v);
            }
        }
        for (int v = length; v < written.size(); v++) {
            failed.add(v);
        }
        beyond(counts, mayFail, failed, flip);
        boolean reported;
        try {
            ChainVerification verification = chain.verify();
            reported = !verification.ok() || !chain.damagedVersions().isEmpty();
        } catch (DeltaException e) {
            refused = true;
            reported = true;
        }
        if (refused) {
            counts.refused++;
        } else if (reported) {
            counts.reported++;
        } else if (length == written.size()) {
            counts.harmless++;
        } else {
            counts.undetected++;
            System.out.println("byte flips: undetected: " + flip + " leaves " + length + " of " + written.size()
                    + " versions and no fault reported");
        }
    }

    private static void beyond(Counts counts, java.util.function.Predicate<List<Integer>> mayFail, List<Integer> failed,
                               String flip) {
        if (!mayFail.test(failed)) {
            counts.beyond++;
            System.out.println("byte flips: lost beyond the damage: " + flip + " stops versions " + failed);
        }
    }

    private static void reset(Path dir, Map<String, byte[]> files) throws IOException {
        try (Stream<Path> listing = Files.list(dir)) {
            for (Path f : listing.toList()) {
                if (!files.containsKey(f.getFileName().toString())) {
                    delete(f);
                }
            }
        }
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            Files.write(dir.resolve(f.getKey()), f.getValue());
        }
    }

    private static void delete(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
