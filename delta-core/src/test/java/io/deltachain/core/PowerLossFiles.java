package io.deltachain.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.IntConsumer;
import java.util.function.ToIntBiFunction;
import java.util.regex.Pattern;

/**
 * A file system in memory under one root directory that remembers, besides what the process sees, what
 * a power loss would leave: a file keeps the contents and size its last {@link #force} forced, a
 * directory the names its last {@link #forceDirectory} forced (a file created, renamed or deleted since
 * goes back to its forced name, or to no name). What a crash keeps of the changes since a force is a
 * {@link Survival}: none of them ({@link #ONLY_FORCED}), all of them ({@link #EVERYTHING}), or a seeded
 * mix ({@link #mix(long)}). Each file and each directory keeps a prefix of its own changes in the order
 * they were made, the last kept write possibly torn (a prefix of its bytes, or zeros where the size grew
 * but the data did not reach the disk); files and directories choose independently. A later write that
 * survives while an earlier one to the same file does not is not modelled.
 *
 * <p>{@link #crashAfter(int)} makes the mutating operation after that many ({@code write}, {@code writeAt},
 * {@code truncate}, {@code move}, {@code delete}, {@code createDirectories}, {@code force},
 * {@code forceDirectory}) throw {@link SimulatedCrash} before it takes effect; from then on every call
 * throws it, as a dead process does nothing more. {@link #afterCrash(Survival)} is the machine after it
 * comes back: a fresh file system holding what survived, all of it forced. The root itself always
 * survives. Thread-safe (one lock).
 */
final class PowerLossFiles implements StoreFiles {
    /**
     * The power went out: an {@link Error}, so that no {@code catch (IOException | RuntimeException)} in the
     * store swallows it.
     */
    static final class SimulatedCrash extends Error {
        SimulatedCrash(String where) {
            super("simulated power loss " + where, null, false, false);
        }
    }

    /** How much of the changes since the last force a crash keeps, asked once per file and per directory. */
    interface Survival {
        /**
         * @param name the file or directory, relative to the root ("chain/000000000002.dseg", "chain")
         * @param changes its changes since the last force
         * @return how many of them, from the first, survive
         */
        int kept(String name, int changes);

        /** @param length the bytes of the last kept write @return how many of them reached the disk (all) */
        default int tornTo(int length) {
            return length;
        }

        /** @return whether a torn write's surviving bytes read as zeros (the size grew, the data did not) */
        default boolean zeros() {
            return false;
        }
    }

    /** Nothing but what was forced survives. */
    static final Survival ONLY_FORCED = whole("only what was forced", (name, changes) -> 0);

    /** Every change survives, as if the disk had caught up just before the crash. */
    static final Survival EVERYTHING = whole("everything written", (name, changes) -> changes);

    /**
     * @param file a file, relative to the root
     * @return every change survives but those of {@code file} since its last force
     */
    static Survival allBut(String file) {
        return whole("everything written but " + file + "'s unforced changes",
                (name, changes) -> name.equals(file) ? 0 : changes);
    }

    private static Survival whole(String description, ToIntBiFunction<String, Integer> kept) {
        return new Survival() {
            @Override
            public int kept(String name, int changes) {
                return kept.applyAsInt(name, changes);
            }

            @Override
            public String toString() {
                return description;
            }
        };
    }

    /** @param seed the seed that reproduces the mix @return a random prefix of each file's and directory's changes */
    static Survival mix(long seed) {
        Random random = new Random(seed);
        return new Survival() {
            private boolean torn;

            @Override
            public int kept(String name, int changes) {
                torn = random.nextInt(3) == 0;
                return random.nextInt(changes + 1);
            }

            @Override
            public int tornTo(int length) {
                return torn ? random.nextInt(length + 1) : length;
            }

            @Override
            public boolean zeros() {
                return torn && random.nextInt(4) == 0;
            }

            @Override
            public String toString() {
                return "mix of seed " + seed;
            }
        };
    }

    /** A change to a file's bytes: a write at an offset, or a truncation (which never grows the file). */
    private record Change(long offset, byte[] bytes, long truncateTo) {
        static Change writeAt(long offset, byte[] bytes) {
            return new Change(offset, bytes.clone(), -1);
        }

        static Change truncate(long size) {
            return new Change(0, null, size);
        }

        byte[] applyTo(byte[] data, int keep, boolean zeros) {
            if (bytes == null) {
                return data.length > truncateTo ? Arrays.copyOf(data, (int) truncateTo) : data;
            }
            int end = (int) offset + keep;
            byte[] out = data.length >= end ? data.clone() : Arrays.copyOf(data, end);
            if (!zeros) {
                System.arraycopy(bytes, 0, out, (int) offset, keep);
            } else {
                Arrays.fill(out, (int) offset, end, (byte) 0);
            }
            return out;
        }
    }

    /** A change to a directory's names: link {@code node} as {@code to}, unlink {@code from}, or both (a rename). */
    private record Rename(String from, String to, Node node) {
        void applyTo(Map<String, Node> names) {
            if (from != null) {
                names.remove(from);
            }
            if (to != null) {
                names.put(to, node);
            }
        }
    }

    private static final class Node {
        final boolean directory;
        byte[] data = new byte[0];
        byte[] forced = new byte[0];
        final List<Change> changes = new ArrayList<>();
        final TreeMap<String, Node> names = new TreeMap<>();
        TreeMap<String, Node> forcedNames = new TreeMap<>();
        final List<Rename> renames = new ArrayList<>();

        Node(boolean directory) {
            this.directory = directory;
        }

        void change(Change c) {
            data = c.applyTo(data, c.bytes == null ? 0 : c.bytes.length, false);
            changes.add(c);
        }

        void rename(Rename r) {
            r.applyTo(names);
            renames.add(r);
        }
    }

    private final Path root;
    private final String rootName;
    private final Map<String, List<String>> names = new HashMap<>();
    private final Node top;
    private final List<String> log = new ArrayList<>();
    private int crashAfter = Integer.MAX_VALUE;
    private IntConsumer beforeEach = operation -> { };
    private String crashed;

    /** @param root the directory everything lives under; it exists, empty, and always survives */
    PowerLossFiles(Path root) {
        this(root, new Node(true));
    }

    private PowerLossFiles(Path root, Node top) {
        this.root = root.toAbsolutePath().normalize();
        this.rootName = this.root.toString();
        this.top = top;
    }

    /** @param operations how many mutating operations succeed; the next one, and every call after it, crashes */
    synchronized PowerLossFiles crashAfter(int operations) {
        this.crashAfter = operations;
        return this;
    }

    /**
     * @param hook called before each mutating operation takes effect, with its number (from 0): what
     *     {@link #afterCrash} returns in it is what a crash at that operation leaves, so that one run
     *     yields every crash point; the hook must not write through this file system
     * @return this
     */
    synchronized PowerLossFiles beforeEachOperation(IntConsumer hook) {
        this.beforeEach = hook;
        return this;
    }

    /** @return how many mutating operations have run */
    synchronized int operations() {
        return log.size();
    }

    /** @return each mutating operation that ran, e.g. "force chain/000000000002.didx", in order */
    synchronized List<String> log() {
        return List.copyOf(log);
    }

    /** @return what survives a power loss now (or at the crash), as a fresh file system with all of it forced */
    synchronized PowerLossFiles afterCrash(Survival survival) {
        return new PowerLossFiles(root, survivor(top, "", survival, new IdentityHashMap<>()));
    }

    private static Node survivor(Node n, String name, Survival survival, IdentityHashMap<Node, Node> done) {
        Node seen = done.get(n);
        if (seen != null) {
            return seen;
        }
        Node out = new Node(n.directory);
        done.put(n, out);
        if (n.directory) {
            TreeMap<String, Node> names = new TreeMap<>(n.forcedNames);
            int kept = survival.kept(name, n.renames.size());
            for (Rename r : n.renames.subList(0, kept)) {
                r.applyTo(names);
            }
            for (Map.Entry<String, Node> e : names.entrySet()) {
                out.names.put(e.getKey(), survivor(e.getValue(), name.isEmpty() ? e.getKey() : name + "/" + e.getKey(),
                        survival, done));
            }
            out.forcedNames = new TreeMap<>(out.names);
        } else {
            byte[] data = n.forced;
            int kept = survival.kept(name, n.changes.size());
            for (int i = 0; i < kept; i++) {
                Change c = n.changes.get(i);
                boolean last = i == kept - 1 && c.bytes != null;
                data = c.applyTo(data, last ? survival.tornTo(c.bytes.length) : c.bytes == null ? 0 : c.bytes.length,
                        last && survival.zeros());
            }
            out.data = data;
            out.forced = data;
        }
        return out;
    }

    /** @return every file under the root with its size, for failure messages */
    synchronized String describe() {
        StringBuilder b = new StringBuilder();
        describe(top, "", b);
        return b.toString();
    }

    /** @return a digest of every name and every byte under the root: equal for file systems that hold the same */
    synchronized String fingerprint() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            fingerprint(top, "", digest);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void fingerprint(Node n, String prefix, MessageDigest digest) {
        for (Map.Entry<String, Node> e : n.names.entrySet()) {
            String name = prefix + e.getKey() + (e.getValue().directory ? "/" : "");
            digest.update((name + "\0" + e.getValue().data.length + "\0").getBytes(StandardCharsets.UTF_8));
            if (e.getValue().directory) {
                fingerprint(e.getValue(), name, digest);
            } else {
                digest.update(e.getValue().data);
            }
        }
    }

    private static void describe(Node n, String prefix, StringBuilder b) {
        for (Map.Entry<String, Node> e : n.names.entrySet()) {
            if (e.getValue().directory) {
                describe(e.getValue(), prefix + e.getKey() + "/", b);
            } else {
                b.append(prefix).append(e.getKey()).append(" (").append(e.getValue().data.length).append(" bytes) ");
            }
        }
    }

    // ---------------------------------------------------------------- the seam

    private void mutating(String what, Path path) {
        alive();
        beforeEach.accept(log.size());
        String operation = what + " " + root.relativize(path.toAbsolutePath().normalize());
        if (log.size() >= crashAfter) {
            crashed = "at operation " + log.size() + " (" + operation + ")";
            throw new SimulatedCrash(crashed);
        }
        log.add(operation);
    }

    private void alive() {
        if (crashed != null) {
            throw new SimulatedCrash("already happened " + crashed + ": a dead process does nothing more");
        }
    }

    /** @return the names from the root down to {@code p} (cached: every call of the store names a file) */
    private List<String> names(Path p) {
        return names.computeIfAbsent(p.toAbsolutePath().toString(), path -> {
            if (path.equals(rootName)) {
                return List.of();
            }
            String separator = p.getFileSystem().getSeparator();
            if (!path.startsWith(rootName + separator) || path.contains("..")) {
                throw new IllegalArgumentException(p + " is outside the simulated root " + root + " or not normalised");
            }
            return List.of(path.substring(rootName.length() + 1).split(Pattern.quote(separator)));
        });
    }

    /** @return the node at {@code p}, or null */
    private Node find(Path p) {
        Node n = top;
        for (String name : names(p)) {
            n = n.directory ? n.names.get(name) : null;
            if (n == null) {
                return null;
            }
        }
        return n;
    }

    private Node file(Path p) throws IOException {
        Node n = find(p);
        if (n == null) {
            throw new NoSuchFileException(p.toString());
        }
        return n;
    }

    private Node parent(Path p) throws IOException {
        List<String> names = names(p);
        if (names.isEmpty()) {
            throw new IllegalArgumentException("the simulated root has no parent here");
        }
        Node dir = find(p.toAbsolutePath().getParent());
        if (dir == null) {
            throw new NoSuchFileException(p.toAbsolutePath().getParent().toString());
        }
        if (!dir.directory) {
            throw new NotDirectoryException(p.toAbsolutePath().getParent().toString());
        }
        return dir;
    }

    private static String name(Path p) {
        return p.getFileName().toString();
    }

    @Override
    public synchronized boolean exists(Path file) {
        alive();
        return find(file) != null;
    }

    @Override
    public synchronized long size(Path file) throws IOException {
        alive();
        return file(file).data.length;
    }

    @Override
    public synchronized byte[] read(Path file, long offset, int length) throws IOException {
        alive();
        byte[] data = file(file).data;
        int from = (int) Math.min(offset, data.length);
        return Arrays.copyOfRange(data, from, (int) Math.min(data.length, (long) from + length));
    }

    @Override
    public synchronized void write(Path file, byte[] bytes) throws IOException {
        mutating("write", file);
        Node n = find(file);
        if (n == null) {
            Node dir = parent(file);
            n = new Node(false);
            dir.rename(new Rename(null, name(file), n));
        }
        n.change(Change.truncate(0));
        n.change(Change.writeAt(0, bytes));
    }

    @Override
    public synchronized void writeAt(Path file, long offset, byte[] bytes) throws IOException {
        mutating("writeAt", file);
        file(file).change(Change.writeAt(offset, bytes));
    }

    @Override
    public synchronized void truncate(Path file, long size) throws IOException {
        mutating("truncate", file);
        file(file).change(Change.truncate(size));
    }

    @Override
    public synchronized void force(Path file) throws IOException {
        mutating("force", file);
        Node n = file(file);
        n.forced = n.data;
        n.changes.clear();
    }

    @Override
    public synchronized void move(Path from, Path to) throws IOException {
        mutating("move", from);
        Node n = file(from);
        Node dir = parent(from);
        if (parent(to) != dir) {
            throw new UnsupportedOperationException("the simulation renames within one directory only");
        }
        dir.rename(new Rename(name(from), name(to), n));
    }

    @Override
    public synchronized void delete(Path file) throws IOException {
        mutating("delete", file);
        Node n = find(file);
        if (n == null) {
            return;
        }
        if (n.directory && !n.names.isEmpty()) {
            throw new DirectoryNotEmptyException(file.toString());
        }
        parent(file).rename(new Rename(name(file), null, null));
    }

    @Override
    public synchronized List<String> list(Path dir) {
        alive();
        Node n = find(dir);
        return n == null || !n.directory ? new ArrayList<>() : new ArrayList<>(n.names.keySet());
    }

    @Override
    public synchronized void createDirectories(Path dir) throws IOException {
        mutating("createDirectories", dir);
        Node n = top;
        for (String name : names(dir)) {
            Node next = n.names.get(name);
            if (next == null) {
                next = new Node(true);
                n.rename(new Rename(null, name, next));
            } else if (!next.directory) {
                throw new FileAlreadyExistsException(dir.toString());
            }
            n = next;
        }
    }

    @Override
    public synchronized void forceDirectory(Path dir) throws IOException {
        mutating("forceDirectory", dir);
        Node n = file(dir);
        if (!n.directory) {
            throw new NotDirectoryException(dir.toString());
        }
        n.forcedNames = new TreeMap<>(n.names);
        n.renames.clear();
    }
}
