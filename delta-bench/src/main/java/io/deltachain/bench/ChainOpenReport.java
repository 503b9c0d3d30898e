package io.deltachain.bench;

import io.deltachain.core.ChainManifest;
import io.deltachain.core.ChainStore;
import io.deltachain.core.DeltaChain;
import io.deltachain.core.DirectoryChainStore;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.lang.ref.Reference;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SortedSet;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Open time and heap after open of directory chains (format 2) of 1,000 and 100,000 versions, in one
 * warm JVM, against the targets of the store issue: open under 50 ms, heap after open at most 16 MB
 * plus 16 bytes per version. Chains come from {@link ChainFixtures} (built once with fsync
 * {@code never}, cached under {@code delta-bench/target/chains}).
 *
 * <p>Before anything is timed, a chain of 100 versions is opened and its newest version read, untimed,
 * so that class loading and the registry's first use are not counted. Then, per chain: its first open
 * in this JVM, the median and worst of further opens (each a new store object and
 * {@code DeltaChain.open}, as an application reopens a chain), what open read from the store
 * (records and snapshots: none, since opening builds no state), the first read of the newest version
 * after an open, and the heap: used heap after {@code System.gc()} with the opened chain held
 * ("heap after open", what the target bounds), and that minus the used heap after the same collection
 * before opening ("retained by the chain": what the open chain keeps reachable). Run from the
 * repository root: {@code java -cp delta-bench/target/benchmarks.jar io.deltachain.bench.ChainOpenReport}.
 */
public final class ChainOpenReport {
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final long TARGET_OPEN_NANOS = 50_000_000L;
    private static final long TARGET_HEAP_BASE = 16L << 20;
    private static final long TARGET_HEAP_PER_VERSION = 16;

    private ChainOpenReport() {
    }

    /**
     * @param args chain lengths (default 1000 100000), then optionally {@code --opens N} (default 15)
     *     and {@code --heap-rounds N} (default 5)
     */
    public static void main(String[] args) {
        List<Integer> lengths = new ArrayList<>();
        int opens = 15;
        int heapRounds = 5;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--opens" -> opens = Integer.parseInt(args[++i]);
                case "--heap-rounds" -> heapRounds = Integer.parseInt(args[++i]);
                default -> lengths.add(Integer.parseInt(args[i]));
            }
        }
        if (lengths.isEmpty()) {
            lengths = List.of(1_000, 100_000);
        }
        Path warmUp = ChainFixtures.format2(100);
        List<Path> chains = lengths.stream().map(ChainFixtures::format2).toList();

        DeltaChain<Map<String, Object>> other = ChainFixtures.open(warmUp);
        other.current().orElseThrow(); // untimed: the other chain's open and first read load what reading needs
        other = null;

        System.out.printf(Locale.ROOT, "%s, %s %s, %d processors, max heap %d MiB, GC %s%n",
                System.getProperty("java.vm.name"), System.getProperty("java.version"), System.getProperty("os.arch"),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                String.join("+", ManagementFactory.getGarbageCollectorMXBeans().stream().map(b -> b.getName()).toList()));
        System.out.println();
        System.out.println("| versions | first open ms | median open ms (of " + opens + ") | worst open ms "
                + "| median open, CPU ms | read by open: records, snapshots | first read of newest ms (CPU ms) "
                + "| heap after open MiB | retained by the chain KiB | target: open < 50 ms "
                + "| target: heap ≤ 16 MiB + 16 B/version |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
        boolean allMet = true;
        for (int c = 0; c < chains.size(); c++) {
            Path dir = chains.get(c);
            int versions = lengths.get(c);

            long first = timeOpen(dir)[0];
            long[] times = new long[opens];
            long[] cpu = new long[opens];
            for (int i = 0; i < opens; i++) {
                long[] t = timeOpen(dir);
                times[i] = t[0];
                cpu[i] = t[1];
            }
            Arrays.sort(times);
            Arrays.sort(cpu);
            long median = times[opens / 2];

            CountingStore counting = new CountingStore(new DirectoryChainStore(dir));
            DeltaChain<Map<String, Object>> counted = DeltaChain.open(counting, ChainFixtures.REGISTRY,
                    ChainFixtures.FORMAT);
            String readByOpen = counting.records.get() + ", " + counting.snapshots.get();
            if (counted.length() != versions) {
                throw new IllegalStateException(dir + " holds " + counted.length() + " versions, not " + versions);
            }

            DeltaChain<Map<String, Object>> reader = ChainFixtures.open(dir);
            long readCpu = THREADS.getCurrentThreadCpuTime();
            long t = System.nanoTime();
            Map<String, Object> newest = reader.current().orElseThrow();
            long firstRead = System.nanoTime() - t;
            readCpu = THREADS.getCurrentThreadCpuTime() - readCpu;
            if (!ChainFixtures.sameState(newest, ChainFixtures.state(versions - 1))) {
                throw new IllegalStateException(dir + ": the newest version reads as " + newest);
            }
            counted = null;
            reader = null;

            long[] after = new long[heapRounds];
            long[] retained = new long[heapRounds];
            for (int r = 0; r < heapRounds; r++) {
                long before = usedAfterGc();
                DeltaChain<Map<String, Object>> held = ChainFixtures.open(dir);
                after[r] = usedAfterGc();
                retained[r] = after[r] - before;
                Reference.reachabilityFence(held);
            }
            Arrays.sort(after);
            Arrays.sort(retained);
            long heap = after[heapRounds / 2];

            boolean openMet = median < TARGET_OPEN_NANOS;
            long heapTarget = TARGET_HEAP_BASE + TARGET_HEAP_PER_VERSION * versions;
            boolean heapMet = heap <= heapTarget;
            allMet &= openMet && heapMet;
            System.out.printf(Locale.ROOT, "| %,d | %.2f | %.2f | %.2f | %.2f | %s | %.2f (%.2f) | %.1f | %.1f | %s | %s (limit %.1f MiB) |%n",
                    versions, first / 1e6, median / 1e6, times[opens - 1] / 1e6, cpu[opens / 2] / 1e6, readByOpen,
                    firstRead / 1e6, readCpu / 1e6,
                    heap / 1048576.0, retained[heapRounds / 2] / 1024.0, openMet ? "met" : "MISSED",
                    heapMet ? "met" : "MISSED", heapTarget / 1048576.0);
        }
        System.out.println();
        System.out.println(allMet ? "every target met" : "a target was MISSED");
    }

    /**
     * @return the nanoseconds one open of {@code dir} takes (a new store, {@code DeltaChain.open}): elapsed,
     *     and this thread's CPU time, which a busy machine disturbs less
     */
    private static long[] timeOpen(Path dir) {
        long cpu = THREADS.getCurrentThreadCpuTime();
        long t = System.nanoTime();
        DeltaChain<Map<String, Object>> chain = ChainFixtures.open(dir);
        long elapsed = System.nanoTime() - t;
        cpu = THREADS.getCurrentThreadCpuTime() - cpu;
        Reference.reachabilityFence(chain);
        return new long[] {elapsed, cpu};
    }

    private static long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return MEMORY.getHeapMemoryUsage().getUsed();
    }

    /** A store that counts the records and snapshots read through it. */
    private static final class CountingStore implements ChainStore {
        private final ChainStore inner;
        final AtomicInteger records = new AtomicInteger();
        final AtomicInteger snapshots = new AtomicInteger();

        CountingStore(ChainStore inner) {
            this.inner = inner;
        }

        @Override
        public Optional<ChainManifest> readManifest() {
            return inner.readManifest();
        }

        @Override
        public byte[] readRecord(int index) {
            records.incrementAndGet();
            return inner.readRecord(index);
        }

        @Override
        public byte[] readSnapshot(int index) {
            snapshots.incrementAndGet();
            return inner.readSnapshot(index);
        }

        @Override
        public SortedSet<Integer> snapshotIndices() {
            return inner.snapshotIndices();
        }

        @Override
        public OptionalInt nearestSnapshot(int index) {
            return inner.nearestSnapshot(index);
        }

        @Override
        public String describeRecord(int index) {
            return inner.describeRecord(index);
        }

        @Override
        public long storedBytes() {
            return inner.storedBytes();
        }

        @Override
        public Writer lock(Duration timeout) {
            return inner.lock(timeout);
        }
    }
}
