import io.deltachain.api.Limits;
import io.deltachain.core.*;
import io.deltachain.spi.StateFormat;
import java.nio.ByteBuffer;
import java.nio.file.*;
import java.util.*;
import java.util.stream.*;

/** java Harness MODE CHAIN INPUTDIR : mutates copies of CHAIN, reads every version, flags wrong results. */
public class Harness {
    static Path chain, work = Paths.get("/tmp/breaker-work/hw");
    static byte[][] expected;
    static int wrong = 0, refusedAll = 0, trials = 0, verifyMissed = 0, wrote = 0, overRefused = 0, crashed = 0;

    public static void main(String[] a) throws Exception {
        String mode = a[0];
        chain = Paths.get(a[1]);
        List<Path> ins;
        try (Stream<Path> s = Files.list(Paths.get(a[2]))) { ins = s.sorted().collect(Collectors.toList()); }
        expected = new byte[ins.size()][];
        for (int i = 0; i < ins.size(); i++) expected[i] = Files.readAllBytes(ins.get(i));
        Path idx = find(chain, ".didx"), seg = find(chain, ".dseg"), man = chain.resolve("manifest.json");
        switch (mode) {
            case "flipidx" -> flips(idx);
            case "flipseg" -> flips(seg);
            case "flipman" -> flips(man);
            case "forge" -> forge(idx);
            case "trunc" -> { truncs(idx); truncs(seg); }
            default -> throw new IllegalArgumentException(mode);
        }
        System.out.printf("trials=%d wrong=%d verifyMissed=%d readerWrote=%d crashed=%d%n", trials, wrong, verifyMissed, wrote, crashed);
    }

    static Path find(Path d, String suffix) throws Exception {
        try (Stream<Path> s = Files.list(d)) { return s.filter(p -> p.toString().endsWith(suffix)).findFirst().get(); }
    }

    interface Mut { void apply(Path copy) throws Exception; }

    static void flips(Path file) throws Exception {
        long n = Files.size(file);
        for (long off = 0; off < n; off++) {
            for (int mask : new int[]{0x01, 0x80, 0xff}) {
                final long o = off; final int m = mask;
                run(file.getFileName() + " byte " + off + " ^" + Integer.toHexString(mask), c -> {
                    Path f = c.resolve(file.getFileName());
                    byte[] b = Files.readAllBytes(f); b[(int) o] ^= m; Files.write(f, b);
                });
            }
        }
    }

    static void truncs(Path file) throws Exception {
        long n = Files.size(file);
        for (long off = 0; off < n; off++) {
            final long o = off;
            run(file.getFileName() + " cut at " + off, c -> {
                Path f = c.resolve(file.getFileName());
                byte[] b = Files.readAllBytes(f); Files.write(f, Arrays.copyOf(b, (int) o));
            });
        }
    }

    static int crc(byte[] b, int off, int len) { java.util.zip.CRC32C c = new java.util.zip.CRC32C(); c.update(b, off, len); return (int) c.getValue(); }
    static void recrc(byte[] b, int i) { int o = 16 + 40 * i; ByteBuffer.wrap(b).putInt(o + 36, crc(b, o, 36)); }

    static void forge(Path idx) throws Exception {
        byte[] orig = Files.readAllBytes(idx);
        int n = (orig.length - 16) / 40;
        String name = idx.getFileName().toString();
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) {
            if (i == j) continue;
            final int fi = i, fj = j;
            // entry i takes entry j's fields but keeps its version number (valid CRC)
            run(name + " entry " + i + " := entry " + j + " (renamed)", c -> {
                byte[] b = Files.readAllBytes(c.resolve(name));
                System.arraycopy(orig, 16 + 40 * fj + 4, b, 16 + 40 * fi + 4, 32);
                recrc(b, fi); Files.write(c.resolve(name), b);
            });
            // entry i := entry j verbatim (duplicated)
            run(name + " entry " + i + " := entry " + j + " verbatim", c -> {
                byte[] b = Files.readAllBytes(c.resolve(name));
                System.arraycopy(orig, 16 + 40 * fj, b, 16 + 40 * fi, 40); Files.write(c.resolve(name), b);
            });
            if (i < j) run(name + " swap entries " + i + "," + j, c -> {
                byte[] b = Files.readAllBytes(c.resolve(name));
                System.arraycopy(orig, 16 + 40 * fj, b, 16 + 40 * fi, 40);
                System.arraycopy(orig, 16 + 40 * fi, b, 16 + 40 * fj, 40); Files.write(c.resolve(name), b);
            });
            // only the snapshot pointer of i taken from j; and only the record pointer; and the rebuild-from
            run(name + " entry " + i + " snapshot ptr from " + j, c -> {
                byte[] b = Files.readAllBytes(c.resolve(name));
                System.arraycopy(orig, 16 + 40 * fj + 24, b, 16 + 40 * fi + 24, 12);
                b[16 + 40 * fi + 4] |= (orig[16 + 40 * fj + 4] & 2);
                recrc(b, fi); Files.write(c.resolve(name), b);
            });
            run(name + " entry " + i + " record ptr from " + j, c -> {
                byte[] b = Files.readAllBytes(c.resolve(name));
                System.arraycopy(orig, 16 + 40 * fj + 12, b, 16 + 40 * fi + 12, 12);
                recrc(b, fi); Files.write(c.resolve(name), b);
            });
            if (j < i) run(name + " entry " + i + " rebuildFrom=" + j, c -> {
                byte[] b = Files.readAllBytes(c.resolve(name));
                ByteBuffer.wrap(b).putInt(16 + 40 * fi + 8, fj);
                recrc(b, fi); Files.write(c.resolve(name), b);
            });
        }
        // flag games on each entry, valid CRC
        for (int i = 0; i < n; i++) for (int flags = 0; flags < 8; flags++) {
            final int fi = i, ff = flags;
            run(name + " entry " + i + " flags=" + flags, c -> {
                byte[] b = Files.readAllBytes(c.resolve(name));
                b[16 + 40 * fi + 4] = (byte) ff; recrc(b, fi); Files.write(c.resolve(name), b);
            });
        }
    }

    static Map<String, String> listing(Path d) throws Exception {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.list(d)) {
            for (Path p : s.collect(Collectors.toList())) m.put(p.getFileName().toString(), Files.size(p) + ":" + Files.getLastModifiedTime(p) + ":" + Arrays.hashCode(Files.readAllBytes(p)));
        }
        return m;
    }

    static void copy(Path from, Path to) throws Exception {
        if (Files.exists(to)) try (Stream<Path> s = Files.walk(to)) { s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete()); }
        Files.createDirectories(to);
        try (Stream<Path> s = Files.list(from)) { for (Path p : s.collect(Collectors.toList())) Files.copy(p, to.resolve(p.getFileName())); }
    }

    static void run(String what, Mut mut) throws Exception {
        trials++;
        Path c = work.resolve(System.getProperty("tag", "t"));
        copy(chain, c);
        mut.apply(c);
        Map<String, String> before = listing(c);
        boolean anyRefused = false;
        StringBuilder refused = new StringBuilder();
        try {
            DirectoryChainStore store = new DirectoryChainStore(c);
            DeltaChain<?> ch;
            try {
                ch = open(store);
            } catch (RuntimeException e) {
                anyRefused = true; refused.append("open: ").append(e.getClass().getSimpleName()).append(' ').append(e.getMessage());
                ch = null;
            }
            if (ch != null) {
                if (ch.length() != expected.length) { System.out.println("LENGTH " + what + ": " + ch.length()); }
                for (int i = 0; i < ch.length(); i++) {
                    try {
                        byte[] got = bytes(ch, i);
                        if (i >= expected.length || !Arrays.equals(got, expected[i])) {
                            wrong++;
                            int match = -1; for (int k = 0; k < expected.length; k++) if (Arrays.equals(got, expected[k])) match = k;
                            System.out.println("WRONG " + what + ": version " + i + " read back as " + (match >= 0 ? "version " + match + "'s content" : "unknown content"));
                        }
                    } catch (io.deltachain.api.DeltaException e) {
                        anyRefused = true; refused.append(" v").append(i);
                    } catch (RuntimeException e) {
                        crashed++; System.out.println("CRASH " + what + " v" + i + ": " + e);
                    }
                }
            }
            // fresh store for verify
            ChainVerification v;
            try {
                v = DeltaChain.verify(new DirectoryChainStore(c), Deltas.registry(), Limits.defaults());
                boolean mutated = !listing(chain).values().equals(before.values());
                if (mutated && v.problems().isEmpty()) {
                    verifyMissed++;
                    if (verifyMissed <= 30) System.out.println("VERIFY-CLEAN " + what + (anyRefused ? " (but reads refused: " + refused + ")" : ""));
                }
            } catch (RuntimeException e) {
                if (!(e instanceof io.deltachain.api.DeltaException)) { crashed++; System.out.println("CRASH verify " + what + ": " + e); }
            }
        } catch (Throwable t) {
            crashed++; System.out.println("CRASH " + what + ": " + t);
        }
        if (!listing(c).equals(before)) { wrote++; System.out.println("READER-WROTE " + what + ": " + before + " -> " + listing(c)); }
    }

    @SuppressWarnings("unchecked")
    static <S> DeltaChain<S> open(DirectoryChainStore store) {
        ChainManifest m = store.readManifest().orElseThrow();
        StateFormat<S> f = (StateFormat<S>) Deltas.registry().stateFormat(m.stateFormatId());
        return DeltaChain.open(store, Deltas.registry(), f, Limits.defaults());
    }

    @SuppressWarnings("unchecked")
    static <S> byte[] bytes(DeltaChain<S> ch, int i) {
        return ch.stateFormat().toBytes(ch.stateAt(i));
    }
}
