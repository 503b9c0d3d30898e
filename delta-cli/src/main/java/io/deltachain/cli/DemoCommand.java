package io.deltachain.cli;

import io.deltachain.core.ChainMetrics;
import io.deltachain.core.ChainVerification;
import io.deltachain.core.DeltaChain;
import io.deltachain.core.DeltaCompressor;
import io.deltachain.core.DeltaRecord;
import io.deltachain.core.Deltas;
import io.deltachain.core.DirectoryChainStore;
import io.deltachain.json.CanonicalJson;
import io.deltachain.json.JsonFormats;
import io.deltachain.json.JsonValues;
import io.deltachain.api.DeltaException;
import io.deltachain.api.DeltaRegistry;
import io.deltachain.api.StateFormats;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;

/** A short tour on sample data built in: {@code delta demo}. */
@Command(name = "demo", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "A tour on built-in sample data: a dict delta, a binary delta (with the bsdiff jar), a chain"
                + " with random access, and corruption being rejected.")
final class DemoCommand implements Callable<Integer> {
    private final PrintStream out = System.out;

    @Override
    public Integer call() throws IOException {
        main();
        return 0;
    }

    private void main() throws IOException {
        DeltaRegistry registry = Deltas.registry();
        out.println("Deltachain demo");
        out.println("  strategies found: " + registry.strategyIds() + " (+ core's auto, none)");
        out.println("  codecs found:     " + registry.codecIds());
        out.println();

        Map<String, Object> v1 = sampleConfig(new Random(1), 300);
        Map<String, Object> v2 = edit(v1, new Random(2));
        DeltaCompressor<Map<String, Object>> dict = Deltas.compressor("dict", JsonFormats.map());
        DeltaRecord delta = dict.diff(v1, v2);
        byte[] wire = delta.toBytes();
        Map<String, Object> restored = dict.apply(v1, DeltaRecord.fromBytes(wire));
        out.println("1. A dict delta between two versions of a " + CanonicalJson.write(v2).length + "-byte config map");
        out.printf("   %d changes, %d removals, keys %s%n", delta.changes(), delta.removals(), delta.affectedKeys());
        out.printf("   record %d bytes on the wire (payload %d bytes), ratio %.1f : 1%n", wire.length, delta.storedSize(),
                delta.compressionRatio());
        out.println("   applied to the old version it gives the new one: " + JsonValues.equal(restored, v2));
        out.println();

        binaryPart(registry);

        DeltaChain<Map<String, Object>> chain = DeltaChain.builder(JsonFormats.map()).compressor(dict).snapshotEvery(16)
                .build();
        Random random = new Random(3);
        List<Map<String, Object>> versions = new ArrayList<>();
        Map<String, Object> state = v1;
        for (int i = 0; i < 100; i++) {
            versions.add(state);
            chain.add(state);
            state = edit(state, random);
        }
        ChainMetrics m = chain.metrics();
        out.println("3. A chain of " + m.length() + " versions (snapshot every 16)");
        out.printf("   raw %,d bytes, stored %,d bytes, ratio %.1f : 1; at most %d deltas to read any version%n",
                m.rawBytes(), m.storedBytes(), m.ratio(), m.longestReconstructionPath());
        out.println("   version 37 read back equals what was added: " + JsonValues.equal(chain.stateAt(37), versions.get(37)));
        out.println("   verify(): " + describe(chain.verify()));
        out.println();

        out.println("4. Corruption is rejected, never applied");
        byte[] damaged = wire.clone();
        damaged[damaged.length / 2] ^= 0x01;
        out.println("   one flipped bit:  " + failure(() -> DeltaRecord.fromBytes(damaged)));
        out.println("   the wrong base:   " + failure(() -> dict.apply(v2, delta)));

        Path dir = Files.createTempDirectory("deltachain-demo");
        try {
            DeltaChain<Map<String, Object>> stored = DeltaChain.builder(JsonFormats.map()).compressor(dict)
                    .store(new DirectoryChainStore(dir)).build();
            versions.subList(0, 10).forEach(stored::add);
            DeltaChain<?> reopened = DeltaChain.open(new DirectoryChainStore(dir), registry);
            out.println("   a chain directory reopened with " + reopened.length() + " versions; verify(): "
                    + describe(reopened.verify()));
            Path segment;
            try (Stream<Path> list = Files.list(dir)) {
                segment = list.filter(p -> p.toString().endsWith(".dseg")).findFirst().orElseThrow();
            }
            byte[] bytes = Files.readAllBytes(segment);
            bytes[bytes.length - 10] ^= 0x40; // inside the newest record
            Files.write(segment, bytes);
            out.println("   after damaging one record in the segment file, verify(): " + describe(reopened.verify()));
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private void binaryPart(DeltaRegistry registry) {
        if (!registry.strategyIds().contains("bsdiff")) {
            out.println("2. Binary deltas: add the delta-strategy-bsdiff jar (to plugins/) to see one here");
            out.println();
            return;
        }
        Random random = new Random(4);
        byte[] v1 = new byte[1 << 20];
        random.nextBytes(v1);
        byte[] v2 = v1.clone();
        for (int i = 0; i < 50; i++) {
            v2[random.nextInt(v2.length)] = (byte) random.nextInt();
        }
        DeltaCompressor<byte[]> bsdiff = Deltas.compressor("bsdiff", StateFormats.bytes());
        DeltaRecord delta = bsdiff.diff(v1, v2);
        out.println("2. A bsdiff delta between two 1 MiB binaries that differ in 50 bytes");
        out.printf("   record %,d bytes, ratio %.1f : 1; applied back: %s%n", delta.wireSize(), delta.compressionRatio(),
                java.util.Arrays.equals(v2, bsdiff.apply(v1, delta)));
        out.println();
    }

    private static String describe(ChainVerification v) {
        return v.ok() ? "ok, " + v.versionsChecked() + " versions checked" : v.problems().size() + " problem(s): "
                + v.problems().get(0);
    }

    private static String failure(Runnable action) {
        try {
            action.run();
            return "NOT DETECTED";
        } catch (DeltaException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    private static Map<String, Object> sampleConfig(Random random, int services) {
        Map<String, Object> config = new LinkedHashMap<>();
        for (int i = 0; i < services; i++) {
            Map<String, Object> service = new LinkedHashMap<>();
            service.put("host", "10.0." + random.nextInt(256) + "." + random.nextInt(256));
            service.put("port", 8000 + random.nextInt(1000));
            service.put("replicas", 1 + random.nextInt(5));
            service.put("enabled", random.nextBoolean());
            service.put("weight", Math.round(random.nextDouble() * 100) / 100.0);
            config.put(String.format("service-%03d", i), service);
        }
        return config;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> edit(Map<String, Object> base, Random random) {
        Map<String, Object> next = (Map<String, Object>) JsonValues.deepCopy(base);
        List<String> keys = new ArrayList<>(next.keySet());
        for (int i = 0; i < 3; i++) {
            Map<String, Object> service = (Map<String, Object>) next.get(keys.get(random.nextInt(keys.size())));
            service.put("replicas", 1 + random.nextInt(9));
        }
        next.remove(keys.get(random.nextInt(keys.size())));
        next.put("service-new-" + random.nextInt(1000), Map.of("host", "10.1.0.1", "port", 9000, "enabled", true));
        return next;
    }
}
