package io.deltachain.core;

import io.deltachain.core.internal.SnapshotFrame;
import io.deltachain.json.CanonicalJson;
import io.deltachain.api.CorruptDeltaException;
import io.deltachain.api.DeltaConfigurationException;
import io.deltachain.api.DeltaException;
import io.deltachain.api.Limits;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@link ChainStore} in one directory (docs/FORMAT.md, "Directory chain store"):
 * <pre>
 * DIR/manifest.json                  canonical JSON manifest
 * DIR/records/000000001.dltr         record wire format, CRC32C inside
 * DIR/snapshots/000000000.dlts       snapshot frame, CRC32C inside
 * </pre>
 * Every file is written to a temporary file and renamed into place, so a reader never sees a
 * half-written file. {@link #replace} (rebase, merge, clear) is crash-safe: the new chain is staged
 * in {@code replace.tmp/}, committed by renaming that directory to {@code replace.ready/}, then rolled
 * forward; a store found with {@code replace.ready/} finishes the roll-forward before anything is
 * read, and one found with {@code replace.tmp/} discards it (the old chain is intact). Every
 * instance on one directory shares one lock, so within a process one writer and many readers (even
 * through different instances) never see a half-done rewrite; other processes are not covered yet.
 * The format is stable and later hardening (fsync policy, torn-tail recovery, file locks) keeps
 * reading it.
 */
public final class DirectoryChainStore implements ChainStore {
    private static final String MANIFEST = "manifest.json";
    private static final String STAGING = "replace.tmp";
    private static final String READY = "replace.ready";
    private static final String SNAPSHOT_LIST = "snapshots.list";
    private static final Pattern RECORD = Pattern.compile("(\\d{9,10})\\.dltr");
    private static final Pattern SNAPSHOT = Pattern.compile("(\\d{9,10})\\.dlts");

    /**
     * One lock per directory for every store instance in this process, so that two instances (two
     * opened chains) never interleave a rewrite with a read. Other processes are not covered: that is
     * for the hardening work (file locks).
     */
    private static final java.util.concurrent.ConcurrentHashMap<Path, Object> LOCKS =
            new java.util.concurrent.ConcurrentHashMap<>();

    private final Path dir;
    private final Limits limits;
    private final Object lock;

    /**
     * @param dir the chain's directory; created on first write
     */
    public DirectoryChainStore(Path dir) {
        this(dir, Limits.defaults());
    }

    /**
     * @param dir the chain's directory; created on first write
     * @param limits bounds on what reading may allocate
     */
    public DirectoryChainStore(Path dir, Limits limits) {
        this.dir = Objects.requireNonNull(dir, "dir");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.lock = LOCKS.computeIfAbsent(dir.toAbsolutePath().normalize(), k -> new Object());
    }

    /** @return the chain's directory */
    public Path directory() {
        return dir;
    }

    private Optional<ChainManifest> readManifest0() {
        recover();
        Path file = dir.resolve(MANIFEST);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        return Optional.of(ManifestJson.read(readFile(file), file.toString(), limits));
    }

    private void writeManifest0(ChainManifest manifest) {
        writeFile(dir.resolve(MANIFEST), ManifestJson.write(manifest));
    }

    private void writeRecord0(int index, byte[] wire) {
        writeFile(dir.resolve("records").resolve(name(index, "dltr")), wire);
    }

    private byte[] readRecord0(int index) {
        return readFile(dir.resolve("records").resolve(name(index, "dltr")));
    }

    private void writeSnapshot0(int index, byte[] canonicalState) {
        writeFile(dir.resolve("snapshots").resolve(name(index, "dlts")), SnapshotFrame.write(canonicalState));
    }

    private byte[] readSnapshot0(int index) {
        Path file = dir.resolve("snapshots").resolve(name(index, "dlts"));
        return SnapshotFrame.read(readFile(file), limits, file.toString());
    }

    private SortedSet<Integer> snapshotIndices0() {
        recover();
        return Collections.unmodifiableSortedSet(indices("snapshots", SNAPSHOT));
    }

    private void clear0() {
        deleteMatching("records", RECORD);
        deleteMatching("snapshots", SNAPSHOT);
        try {
            Files.deleteIfExists(dir.resolve(MANIFEST));
        } catch (IOException e) {
            throw new ChainStoreException("cannot delete " + dir.resolve(MANIFEST) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void replace(ChainManifest manifest, java.util.SortedMap<Integer, byte[]> snapshots,
                        java.util.SortedMap<Integer, byte[]> records) {
        synchronized (lock) {
            replace0(manifest, snapshots, records);
        }
    }

    private void replace0(ChainManifest manifest, java.util.SortedMap<Integer, byte[]> snapshots,
                          java.util.SortedMap<Integer, byte[]> records) {
        recover();
        Path staging = dir.resolve(STAGING);
        deleteTree(staging);
        snapshots.forEach((i, bytes) -> writeFile(staging.resolve("snapshots").resolve(name(i, "dlts")),
                SnapshotFrame.write(bytes)));
        records.forEach((i, wire) -> writeFile(staging.resolve("records").resolve(name(i, "dltr")), wire));
        StringBuilder list = new StringBuilder();
        snapshots.keySet().forEach(i -> list.append(i).append('\n'));
        writeFile(staging.resolve(SNAPSHOT_LIST), list.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        writeFile(staging.resolve(MANIFEST), ManifestJson.write(manifest));
        try {
            Files.move(staging, dir.resolve(READY), StandardCopyOption.ATOMIC_MOVE); // the commit point
        } catch (IOException e) {
            throw new ChainStoreException("cannot commit the new chain in " + staging + ": " + e.getMessage(), e);
        }
        recover();
    }

    /** Finishes a committed replace, or discards one that was never committed. Idempotent. */
    private void recover() {
        Path ready = dir.resolve(READY);
        deleteTree(dir.resolve(STAGING));
        if (!Files.isDirectory(ready)) {
            return;
        }
        try {
            Path list = ready.resolve(SNAPSHOT_LIST);
            if (!Files.exists(list)) {
                // Only the final clean-up deletes the list: everything else was done.
                deleteTree(ready);
                return;
            }
            Path newManifest = ready.resolve(MANIFEST);
            ChainManifest m = Files.exists(newManifest) ? ManifestJson.read(readFile(newManifest), newManifest.toString(),
                    limits) : ManifestJson.read(readFile(dir.resolve(MANIFEST)), dir.resolve(MANIFEST).toString(), limits);
            TreeSet<Integer> keep = new TreeSet<>();
            for (String line : Files.readAllLines(list)) {
                if (!line.isBlank()) {
                    keep.add(Integer.parseInt(line.trim()));
                }
            }
            for (String sub : new String[] {"records", "snapshots"}) {
                Path from = ready.resolve(sub);
                if (Files.isDirectory(from)) {
                    try (DirectoryStream<Path> files = Files.newDirectoryStream(from)) {
                        for (Path f : files) {
                            Path to = dir.resolve(sub).resolve(f.getFileName());
                            Files.createDirectories(to.getParent());
                            Files.move(f, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                        }
                    }
                }
            }
            for (int index : indices("records", RECORD)) {
                if (index >= m.length()) {
                    Files.deleteIfExists(dir.resolve("records").resolve(name(index, "dltr")));
                }
            }
            for (int index : indices("snapshots", SNAPSHOT)) {
                if (!keep.contains(index)) {
                    Files.deleteIfExists(dir.resolve("snapshots").resolve(name(index, "dlts")));
                }
            }
            if (Files.exists(newManifest)) {
                Files.move(newManifest, dir.resolve(MANIFEST), StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            }
            deleteTree(ready);
        } catch (IOException | NumberFormatException e) {
            throw new ChainStoreException("cannot finish the replace committed in " + ready + ": " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (java.util.stream.Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new ChainStoreException("cannot delete " + root + ": " + e.getMessage(), e);
        }
    }

    private static String name(int index, String extension) {
        return String.format(java.util.Locale.ROOT, "%09d.%s", index, extension);
    }

    private TreeSet<Integer> indices(String sub, Pattern pattern) {
        TreeSet<Integer> out = new TreeSet<>();
        Path folder = dir.resolve(sub);
        if (!Files.isDirectory(folder)) {
            return out;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
            for (Path f : files) {
                Matcher m = pattern.matcher(f.getFileName().toString());
                if (m.matches()) {
                    long v = Long.parseLong(m.group(1));
                    if (v <= Integer.MAX_VALUE) {
                        out.add((int) v);
                    }
                }
            }
        } catch (IOException e) {
            throw new ChainStoreException("cannot list " + folder + ": " + e.getMessage(), e);
        }
        return out;
    }

    private void deleteMatching(String sub, Pattern pattern) {
        for (int index : indices(sub, pattern)) {
            Path f = dir.resolve(sub).resolve(name(index, pattern == RECORD ? "dltr" : "dlts"));
            try {
                Files.deleteIfExists(f);
            } catch (IOException e) {
                throw new ChainStoreException("cannot delete " + f + ": " + e.getMessage(), e);
            }
        }
    }

    private byte[] readFile(Path file) {
        try {
            long size = Files.size(file);
            limits.checkStateSize(size, file.toString());
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ChainStoreException("missing chain file " + file);
        } catch (IOException e) {
            throw new ChainStoreException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static void writeFile(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(tmp, bytes);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new ChainStoreException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<ChainManifest> readManifest() {
        synchronized (lock) {
            return readManifest0();
        }
    }

    @Override
    public void writeManifest(ChainManifest manifest) {
        synchronized (lock) {
            writeManifest0(manifest);
        }
    }

    @Override
    public void writeRecord(int index, byte[] wire) {
        synchronized (lock) {
            writeRecord0(index, wire);
        }
    }

    @Override
    public byte[] readRecord(int index) {
        synchronized (lock) {
            return readRecord0(index);
        }
    }

    @Override
    public void writeSnapshot(int index, byte[] canonicalState) {
        synchronized (lock) {
            writeSnapshot0(index, canonicalState);
        }
    }

    @Override
    public byte[] readSnapshot(int index) {
        synchronized (lock) {
            return readSnapshot0(index);
        }
    }

    @Override
    public SortedSet<Integer> snapshotIndices() {
        synchronized (lock) {
            return snapshotIndices0();
        }
    }

    @Override
    public void clear() {
        synchronized (lock) {
            clear0();
        }
    }

    /** @return the sizes of the record and snapshot files, summed (manifest and journal left out) */
    @Override
    public long storedBytes() {
        synchronized (lock) {
            recover();
            return filesSize("records", RECORD, "dltr") + filesSize("snapshots", SNAPSHOT, "dlts");
        }
    }

    private long filesSize(String sub, Pattern pattern, String extension) {
        long total = 0;
        for (int index : indices(sub, pattern)) {
            Path f = dir.resolve(sub).resolve(name(index, extension));
            try {
                total += Files.size(f);
            } catch (NoSuchFileException e) {
                // removed since it was listed: holds nothing
            } catch (IOException e) {
                throw new ChainStoreException("cannot read the size of " + f + ": " + e.getMessage(), e);
            }
        }
        return total;
    }

    @Override
    public String toString() {
        return "DirectoryChainStore[" + dir + "]";
    }

    /**
     * The manifest as canonical JSON. A policy is the pair {@code policy} and {@code maxChainLength}
     * that builds before the policy records wrote, so that they read every manifest written now:
     * {@code SNAPSHOT} (keep every version; its length bound is written as the old default and ignored),
     * {@code REBASE} or {@code MERGE} with their bound.
     */
    static final class ManifestJson {
        private static final String KEEP_ALL = "SNAPSHOT";
        private static final String REBASE = "REBASE";
        private static final String MERGE = "MERGE";

        private ManifestJson() {
        }

        static byte[] write(ChainManifest m) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("format", "deltachain-chain");
            json.put("formatVersion", m.formatVersion());
            json.put("strategy", m.strategyId());
            json.put("stateFormat", m.stateFormatId());
            json.put("codec", m.codecId());
            json.put("level", m.codecLevel());
            ChainPolicy policy = m.policy();
            if (policy instanceof ChainPolicy.RebaseAfter r) {
                json.put("policy", REBASE);
                json.put("maxChainLength", r.maxLength());
            } else if (policy instanceof ChainPolicy.MergeAfter g) {
                json.put("policy", MERGE);
                json.put("maxChainLength", g.maxLength());
            } else {
                json.put("policy", KEEP_ALL);
                json.put("maxChainLength", ChainPolicy.DEFAULT_MAX_CHAIN_LENGTH); // older readers require one
            }
            json.put("snapshotEvery", m.snapshotEvery());
            json.put("length", m.length());
            json.put("rebaselines", m.rebaselines());
            json.put("optimisations", m.optimisations());
            return CanonicalJson.write(json);
        }

        static ChainManifest read(byte[] bytes, String where, Limits limits) {
            Map<String, Object> json;
            try {
                json = CanonicalJson.parseObject(bytes, limits);
            } catch (DeltaException e) {
                // Our words, never the parser's: its text names internals, not the file's problem.
                throw new CorruptDeltaException(where + " is damaged (" + damage(bytes)
                        + "): it is not a readable chain manifest", e);
            }
            try {
                if (!"deltachain-chain".equals(json.get("format"))) {
                    throw new CorruptDeltaException(where + " is not a Deltachain chain manifest");
                }
                long version = number(json, "formatVersion", where);
                if (version != ChainManifest.CURRENT_VERSION) {
                    throw new CorruptDeltaException(where + ": chain format version " + version
                            + " is not supported (this build reads " + ChainManifest.CURRENT_VERSION + ")");
                }
                return new ChainManifest((int) version, text(json, "strategy", where), text(json, "stateFormat", where),
                        text(json, "codec", where), Math.toIntExact(number(json, "level", where)), policy(json, where),
                        Math.toIntExact(number(json, "snapshotEvery", where)),
                        Math.toIntExact(number(json, "length", where)), number(json, "rebaselines", where),
                        number(json, "optimisations", where));
            } catch (CorruptDeltaException e) {
                throw e;
            } catch (DeltaException | ArithmeticException e) {
                throw new CorruptDeltaException(where + ": malformed manifest: " + e.getMessage(), e);
            }
        }

        private static String damage(byte[] bytes) {
            int first = 0;
            while (first < bytes.length && Character.isWhitespace(bytes[first])) {
                first++;
            }
            if (first == bytes.length) {
                return "empty";
            }
            return bytes[first] == '{' ? "cut short or garbled JSON" : "not JSON";
        }

        private static ChainPolicy policy(Map<String, Object> json, String where) {
            String name = text(json, "policy", where);
            if (name.equals(KEEP_ALL)) {
                return ChainPolicy.keepAll();
            }
            if (!name.equals(REBASE) && !name.equals(MERGE)) {
                throw new CorruptDeltaException(where + ": unknown policy '" + name + "' (this build reads " + KEEP_ALL
                        + ", " + REBASE + " and " + MERGE + "); upgrade Deltachain to read it");
            }
            int maxLength = Math.toIntExact(number(json, "maxChainLength", where));
            try {
                return name.equals(REBASE) ? ChainPolicy.rebaseAfter(maxLength) : ChainPolicy.mergeAfter(maxLength);
            } catch (DeltaConfigurationException e) {
                throw new CorruptDeltaException(where + ": manifest member 'maxChainLength' of policy " + name
                        + " is out of range: " + e.getMessage(), e);
            }
        }

        private static String text(Map<String, Object> json, String name, String where) {
            if (json.get(name) instanceof String s) {
                return s;
            }
            throw new CorruptDeltaException(where + ": manifest member '" + name + "' must be a string");
        }

        private static long number(Map<String, Object> json, String name, String where) {
            Object v = json.get(name);
            if (v instanceof Integer || v instanceof Long) {
                return ((Number) v).longValue();
            }
            throw new CorruptDeltaException(where + ": manifest member '" + name + "' must be an integer");
        }
    }

}
