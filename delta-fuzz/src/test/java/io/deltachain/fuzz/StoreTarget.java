package io.deltachain.fuzz;

import io.deltachain.api.DeltaException;
import io.deltachain.api.Limits;
import io.deltachain.api.StateFormats;
import io.deltachain.core.DeltaChain;
import io.deltachain.core.DeltaCompressor;
import io.deltachain.core.DirectoryChainStore;
import io.deltachain.core.FsyncPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The directory chain store's files as untrusted input: a chain of 14 versions (a snapshot every 4)
 * is written once; an input is one byte naming one of its files (manifest, index, segment) and that
 * file's new content. The chain is then opened, every version read, and the chain verified: each may
 * be refused with a {@link DeltaException}, but a version that is read must be exactly the version
 * written — a damaged store never yields a wrong state.
 */
final class StoreTarget implements FuzzTarget {
    private static final int VERSIONS = 14;
    private static final Path WORK = Path.of("target", "fuzz-store");
    private final Path seedDir;
    private final List<String> files;
    private final List<byte[]> states = new ArrayList<>();
    private final List<byte[]> seeds = new ArrayList<>();

    StoreTarget() {
        try {
            seedDir = Files.createTempDirectory(Files.createDirectories(WORK), "seed");
            DeltaChain<byte[]> chain = DeltaChain.builder(StateFormats.bytes())
                    .store(store(seedDir, Hostile.LIMITS)).snapshotEvery(4)
                    .compressor(DeltaCompressor.builder(StateFormats.bytes()).strategy("bsdiff").limits(Hostile.LIMITS)
                            .build())
                    .build();
            byte[] state = Samples.base("bytes");
            for (int v = 0; v < VERSIONS; v++) {
                state = state.clone();
                state[(v * 131) % state.length] ^= (byte) (v + 1);
                states.add(state);
                chain.add(state);
            }
            try (Stream<Path> listing = Files.list(seedDir)) {
                files = listing.map(p -> p.getFileName().toString()).filter(n -> !n.equals("lock")).sorted().toList();
            }
            for (int i = 0; i < files.size(); i++) {
                byte[] content = Files.readAllBytes(seedDir.resolve(files.get(i)));
                byte[] seed = new byte[content.length + 1];
                seed[0] = (byte) i;
                System.arraycopy(content, 0, seed, 1, content.length);
                seeds.add(seed);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static DirectoryChainStore store(Path dir, Limits limits) {
        return new DirectoryChainStore(dir, limits, FsyncPolicy.never(), Duration.ofSeconds(10));
    }

    @Override
    public String name() {
        return "store-directory";
    }

    @Override
    public List<byte[]> seeds() {
        return seeds;
    }

    /** The other files of the chain: what a replaced file is read together with. */
    @Override
    public long baseLength() {
        long total = 0;
        for (byte[] seed : seeds) {
            total += seed.length - 1;
        }
        return total;
    }

    @Override
    public void run(byte[] input, Limits limits) {
        if (input.length == 0) {
            return;
        }
        Path dir = copy();
        try {
            Files.write(dir.resolve(files.get(Math.floorMod(input[0], files.size()))), Arrays.copyOfRange(input, 1,
                    input.length));
            DeltaChain<byte[]> chain = DeltaChain.open(store(dir, limits), io.deltachain.core.Deltas.registry(),
                    StateFormats.bytes(), limits);
            DeltaException first = null;
            for (int v = 0; v < chain.length(); v++) {
                try {
                    byte[] read = chain.stateAt(v);
                    if (v >= VERSIONS || !Arrays.equals(read, states.get(v))) {
                        throw new AssertionError("version " + v + " of a damaged store read as a state that was never"
                                + " written: a silent wrong result");
                    }
                } catch (DeltaException refused) {
                    first = first == null ? refused : first;
                }
            }
            try {
                chain.verify();
                chain.damagedVersions();
            } catch (DeltaException refused) {
                first = first == null ? refused : first;
            }
            if (first != null) {
                throw first;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            delete(dir);
        }
    }

    private Path copy() {
        try {
            Path dir = Files.createTempDirectory(WORK, "run");
            for (String f : files) {
                Files.copy(seedDir.resolve(f), dir.resolve(f));
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
