package io.deltachain.core;

import io.deltachain.api.Limits;
import io.deltachain.core.internal.ManifestJson;
import io.deltachain.core.internal.SnapshotFrame;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Locale;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a directory chain in store format 1 (docs/FORMAT.md, "Directory chain store, version 1"):
 * one file per record and snapshot, and a journaled replace. This build never writes format 1: the
 * first writer upgrades the chain to format 2. Reading resolves an unfinished replace without touching
 * it: a committed {@code replace.ready/} (with its {@code snapshots.list}) wins file by file over the
 * old chain, an uncommitted {@code replace.tmp/} is ignored.
 */
final class DirectoryV1 {
    static final String RECORDS = "records";
    static final String SNAPSHOTS = "snapshots";
    static final String STAGING = "replace.tmp";
    static final String READY = "replace.ready";
    private static final String SNAPSHOT_LIST = "snapshots.list";
    private static final Pattern SNAPSHOT = Pattern.compile("(\\d{9,10})\\.dlts");

    private final Path dir;
    private final Limits limits;
    private final StoreFiles files;
    private volatile SortedSet<Integer> snapshots;

    DirectoryV1(Path dir, Limits limits, StoreFiles files) {
        this.dir = dir;
        this.limits = limits;
        this.files = files;
    }

    /** @return whether a committed replace has not been rolled forward completely */
    private boolean replacing() {
        return files.exists(dir.resolve(READY).resolve(SNAPSHOT_LIST));
    }

    /** @return the file as the chain holds it: from a committed replace when it has one */
    private Path resolve(String sub, String name) {
        if (replacing()) {
            Path staged = sub == null ? dir.resolve(READY).resolve(name) : dir.resolve(READY).resolve(sub).resolve(name);
            if (files.exists(staged)) {
                return staged;
            }
        }
        return sub == null ? dir.resolve(name) : dir.resolve(sub).resolve(name);
    }

    ChainManifest manifest() {
        Path file = resolve(null, DirectoryChainStore.MANIFEST);
        return ManifestJson.read(read(file), file.toString(), limits);
    }

    byte[] record(int index) {
        return read(recordFile(index));
    }

    /** @return the file that holds the record of version {@code index} */
    Path recordFile(int index) {
        return resolve(RECORDS, name(index, "dltr"));
    }

    byte[] snapshot(int index) {
        Path file = resolve(SNAPSHOTS, name(index, "dlts"));
        return SnapshotFrame.read(read(file), limits, file.toString());
    }

    /**
     * @return the snapshot versions, listed once: an instance is one reader's view of the chain (this build
     *     never writes format 1), and a rebuild asks for the nearest snapshot at every read
     */
    SortedSet<Integer> snapshotIndices() {
        SortedSet<Integer> s = snapshots;
        if (s == null) {
            s = Collections.unmodifiableSortedSet(listSnapshots());
            snapshots = s;
        }
        return s;
    }

    private TreeSet<Integer> listSnapshots() {
        TreeSet<Integer> out = new TreeSet<>();
        try {
            if (replacing()) {
                String list = new String(read(dir.resolve(READY).resolve(SNAPSHOT_LIST)), StandardCharsets.US_ASCII);
                for (String line : list.split("\n")) {
                    if (!line.isBlank()) {
                        out.add(Integer.parseInt(line.trim()));
                    }
                }
                return out;
            }
            for (String f : files.list(dir.resolve(SNAPSHOTS))) {
                Matcher m = SNAPSHOT.matcher(f);
                if (m.matches() && Long.parseLong(m.group(1)) <= Integer.MAX_VALUE) {
                    out.add(Integer.parseInt(m.group(1)));
                }
            }
            return out;
        } catch (IOException | NumberFormatException e) {
            throw new ChainStoreException("cannot list the snapshots of " + dir + ": " + e.getMessage(), e);
        }
    }

    /** @return the sizes of the record and snapshot files the manifest counts */
    long storedBytes() {
        int length = manifest().length();
        long total = 0;
        try {
            for (int i = 1; i < length; i++) {
                total += files.size(resolve(RECORDS, name(i, "dltr")));
            }
            for (int i : snapshotIndices()) {
                if (i < length) {
                    total += files.size(resolve(SNAPSHOTS, name(i, "dlts")));
                }
            }
        } catch (IOException e) {
            throw new ChainStoreException("cannot read the sizes of " + dir + ": " + e.getMessage(), e);
        }
        return total;
    }

    private byte[] read(Path file) {
        return readWhole(files, limits, file);
    }

    /** @return the whole of {@code file}, within {@code limits}; shared with the format 2 store */
    static byte[] readWhole(StoreFiles files, Limits limits, Path file) {
        try {
            long size = files.size(file);
            limits.checkStateSize(size, file.toString());
            return files.read(file, 0, (int) size);
        } catch (NoSuchFileException e) {
            throw new ChainStoreException("missing chain file " + file);
        } catch (IOException e) {
            throw new ChainStoreException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static String name(int index, String extension) {
        return String.format(Locale.ROOT, "%09d.%s", index, extension);
    }
}
