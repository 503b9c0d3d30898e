package io.deltachain.bench;

import io.deltachain.api.DeltaRegistry;
import io.deltachain.api.Limits;
import io.deltachain.core.ChainManifest;
import io.deltachain.core.ChainStore;
import io.deltachain.core.DeltaChain;
import io.deltachain.core.DeltaCompressor;
import io.deltachain.core.DirectoryChainStore;
import io.deltachain.core.FsyncPolicy;
import io.deltachain.json.CanonicalJson;
import io.deltachain.json.JsonFormats;
import io.deltachain.spi.StateFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * The chains the chain-store benchmarks read: small JSON documents ({@code json-map}) with one key or
 * two changed per version, {@code dict} deltas, gzip, a snapshot every 32 versions, built once with
 * fsync {@code never} and kept under {@code delta-bench/target/chains} (system property
 * {@code deltachain.bench.chains}), so that a rerun skips building. A chain is rebuilt when its
 * recipe file is missing or names another recipe.
 *
 * <p>The format 1 chain is written by this class from docs/FORMAT.md ("Directory chain store, version
 * 1"), byte for byte the records and snapshots of the format 2 chain of the same length, so that both
 * formats hold the same versions; this build reads it as it reads any format 1 chain (and never
 * writes it: only a writer upgrades). Not thread-safe.
 */
final class ChainFixtures {
    static final StateFormat<Map<String, Object>> FORMAT = JsonFormats.map();
    static final DeltaRegistry REGISTRY = DeltaRegistry.load();
    static final int SNAPSHOT_EVERY = 32;
    /** Bump when what a chain holds changes, so that cached chains are rebuilt. */
    private static final String RECIPE = "json-map dict gzip snapshotEvery=32 keepAll state=order-v1";
    private static final String[] STATUSES = {"open", "paid", "packed", "shipped"};

    private ChainFixtures() {
    }

    static Path root() {
        return Path.of(System.getProperty("deltachain.bench.chains", "delta-bench/target/chains"));
    }

    /** @return version {@code i}: an order of about 250 bytes; each version changes its counter and one line */
    static Map<String, Object> state(int i) {
        Map<String, Object> lines = new LinkedHashMap<>();
        for (int k = 0; k < 8; k++) {
            lines.put("sku-" + (1000 + k), Map.of("qty", 1 + (i + 7 * k) / 8 % 50, "price", 100 + 13 * k));
        }
        Map<String, Object> order = new LinkedHashMap<>();
        order.put("id", "order-19");
        order.put("customer", "c-4711");
        order.put("revision", i);
        order.put("status", STATUSES[i / 100 % STATUSES.length]);
        order.put("lines", lines);
        return order;
    }

    /** @return a compressor as the chains use it */
    static DeltaCompressor<Map<String, Object>> compressor() {
        return DeltaCompressor.builder(FORMAT).registry(REGISTRY).strategy("dict").build();
    }

    /** @return a directory store on {@code dir} that forces writes as {@code fsync} says */
    static DirectoryChainStore store(Path dir, FsyncPolicy fsync) {
        return new DirectoryChainStore(dir, Limits.defaults(), fsync, ChainStore.DEFAULT_LOCK_TIMEOUT);
    }

    /** @return a new, empty chain on {@code dir} (which must not hold one) */
    static DeltaChain<Map<String, Object>> create(Path dir, FsyncPolicy fsync) {
        return DeltaChain.builder(FORMAT).compressor(compressor()).snapshotEvery(SNAPSHOT_EVERY)
                .store(store(dir, fsync)).build();
    }

    /** @return a reader's chain on {@code dir}, as an application opens it */
    static DeltaChain<Map<String, Object>> open(Path dir) {
        return DeltaChain.open(new DirectoryChainStore(dir), REGISTRY, FORMAT);
    }

    /** @return the directory of a format 2 chain of {@code versions} versions, built if not cached */
    static Path format2(int versions) {
        Path dir = root().resolve("format2-" + versions);
        if (cached(dir)) {
            return dir;
        }
        long start = System.nanoTime();
        unmark(dir);
        deleteTree(dir);
        DeltaChain<Map<String, Object>> chain = create(dir, FsyncPolicy.never());
        for (int i = 0; i < versions; i++) {
            chain.add(state(i));
        }
        markBuilt(dir);
        System.err.printf(Locale.ROOT, "built %s in %.1f s%n", dir, (System.nanoTime() - start) / 1e9);
        return dir;
    }

    /**
     * @return the directory of a format 1 chain holding the versions of {@link #format2}{@code (versions)},
     *     written as format 1 laid them out, built if not cached
     */
    static Path format1(int versions) {
        Path dir = root().resolve("format1-" + versions);
        if (cached(dir)) {
            return dir;
        }
        DirectoryChainStore from = new DirectoryChainStore(format2(versions));
        ChainManifest m = from.readManifest().orElseThrow();
        unmark(dir);
        deleteTree(dir);
        try {
            Files.createDirectories(dir.resolve("records"));
            Files.createDirectories(dir.resolve("snapshots"));
            for (int i = 1; i < m.length(); i++) {
                Files.write(dir.resolve(String.format(Locale.ROOT, "records/%09d.dltr", i)), from.readRecord(i));
            }
            for (int i : from.snapshotIndices()) {
                Files.write(dir.resolve(String.format(Locale.ROOT, "snapshots/%09d.dlts", i)),
                        snapshotFrame(from.readSnapshot(i)));
            }
            Map<String, Object> manifest = new LinkedHashMap<>();
            manifest.put("format", "deltachain-chain");
            manifest.put("formatVersion", 1);
            manifest.put("strategy", m.strategyId());
            manifest.put("stateFormat", m.stateFormatId());
            manifest.put("codec", m.codecId());
            manifest.put("level", m.codecLevel());
            manifest.put("policy", "SNAPSHOT");
            manifest.put("maxChainLength", 20);
            manifest.put("snapshotEvery", m.snapshotEvery());
            manifest.put("length", m.length());
            manifest.put("rebaselines", m.rebaselines());
            manifest.put("optimisations", m.optimisations());
            Files.write(dir.resolve("manifest.json"), CanonicalJson.write(manifest));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        DeltaChain<Map<String, Object>> v1 = open(dir);
        if (v1.store().readManifest().orElseThrow().formatVersion() != 1 || v1.length() != versions
                || !sameState(v1.stateAt(versions / 2), state(versions / 2)) || !v1.verify().ok()) {
            throw new IllegalStateException(dir + " does not read back as the format 1 chain it should be: "
                    + v1.verify().problems());
        }
        markBuilt(dir);
        return dir;
    }

    /** @return whether both are the same JSON document (canonical bytes compared; 1 and 1L are one value) */
    static boolean sameState(Map<String, Object> a, Map<String, Object> b) {
        return Arrays.equals(FORMAT.toBytes(a), FORMAT.toBytes(b));
    }

    /** A snapshot frame (docs/FORMAT.md): magic DLTS, version 1, flags 0, length u32, state, CRC32C u32. */
    private static byte[] snapshotFrame(byte[] state) {
        ByteBuffer b = ByteBuffer.allocate(10 + state.length + 4);
        b.put("DLTS".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0).putInt(state.length).put(state);
        CRC32C crc = new CRC32C();
        crc.update(b.array(), 0, b.position());
        b.putInt((int) crc.getValue());
        return b.array();
    }

    private static Path recipeFile(Path dir) {
        return dir.resolveSibling(dir.getFileName() + ".recipe");
    }

    private static boolean cached(Path dir) {
        try {
            return Files.isDirectory(dir) && Files.exists(recipeFile(dir))
                    && Files.readString(recipeFile(dir)).equals(RECIPE);
        } catch (IOException e) {
            return false;
        }
    }

    private static void unmark(Path dir) {
        try {
            Files.deleteIfExists(recipeFile(dir));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void markBuilt(Path dir) {
        try {
            Files.writeString(recipeFile(dir), RECIPE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes {@code dir} and everything under it, if it exists. */
    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
