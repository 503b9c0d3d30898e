package io.deltachain.fuzz;

import io.deltachain.api.DeltaException;
import io.deltachain.api.DeltaRegistry;
import io.deltachain.api.Limits;
import io.deltachain.core.DeltaCompressor;
import io.deltachain.core.DeltaRecord;
import io.deltachain.core.Deltas;
import io.deltachain.spi.Codec;
import io.deltachain.spi.DeltaStrategy;
import io.deltachain.spi.NativeFormat;
import io.deltachain.spi.StateFormat;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Every fuzz target of the build, made from what the registry discovers: the record's wire and JSON
 * forms (decoded, then applied), each strategy's payload (applied, summarised, described), each
 * native format (applied strictly and, where it can, tolerantly), each codec's decoder, and the
 * directory chain store's files ({@link StoreTarget}). A strategy or codec added to the class path
 * of this module is fuzzed without further code.
 */
final class Targets {
    private static final DeltaRegistry REGISTRY = Deltas.registry();
    private static final Map<String, FuzzTarget> ALL = build();

    private Targets() {
    }

    /** @return every target by name, in a fixed order */
    static Map<String, FuzzTarget> all() {
        return ALL;
    }

    /**
     * @param name a target's name
     * @return the target
     */
    static FuzzTarget named(String name) {
        FuzzTarget t = ALL.get(name);
        if (t == null) {
            throw new IllegalArgumentException("no fuzz target '" + name + "'; there are " + ALL.keySet());
        }
        return t;
    }

    /**
     * @param targetName a target's name, e.g. {@code payload-json-patch}
     * @return its Jazzer method and corpus directory, e.g. {@code payloadJsonPatch}
     */
    static String methodName(String targetName) {
        String[] parts = targetName.split("-");
        StringBuilder b = new StringBuilder(parts[0]);
        for (int i = 1; i < parts.length; i++) {
            b.append(parts[i].substring(0, 1).toUpperCase(Locale.ROOT)).append(parts[i].substring(1));
        }
        return b.toString();
    }

    private static Map<String, FuzzTarget> build() {
        Map<String, FuzzTarget> targets = new LinkedHashMap<>();
        List<byte[]> wire = new ArrayList<>();
        List<byte[]> json = new ArrayList<>();
        for (String id : REGISTRY.strategyIds()) {
            DeltaStrategy<?> s = REGISTRY.strategy(id);
            if (Samples.base(s.stateFormat().id()) == null) {
                continue;
            }
            add(targets, payloadTarget(s));
            nativeTarget(s).ifPresent(t -> add(targets, t));
            records(s, wire, json);
        }
        for (String id : REGISTRY.codecIds()) {
            add(targets, codecTarget(REGISTRY.codec(id)));
        }
        long base = Samples.largestBase();
        add(targets, new Simple("record-wire", wire, base, Targets::applyWire));
        add(targets, new Simple("record-json", json, base, Targets::applyJson));
        add(targets, new StoreTarget());
        return targets;
    }

    private static void add(Map<String, FuzzTarget> targets, FuzzTarget t) {
        targets.put(t.name(), t);
    }

    /** A target from its parts. */
    record Simple(String name, List<byte[]> seeds, long baseLength, Runner runner) implements FuzzTarget {
        @Override
        public void run(byte[] input, Limits limits) {
            runner.run(input, limits);
        }
    }

    /** What a target does with an input, under the limits given. */
    @FunctionalInterface
    interface Runner {
        void run(byte[] input, Limits limits);
    }

    // ---- strategy payloads ----

    private static <S> FuzzTarget payloadTarget(DeltaStrategy<S> s) {
        StateFormat<S> format = s.stateFormat();
        S base = state(format, Samples.base(format.id()));
        List<byte[]> seeds = new ArrayList<>();
        for (byte[] newer : Samples.newer(format.id())) {
            diff(s, base, newer).ifPresent(seeds::add);
        }
        return new Simple("payload-" + s.id(), seeds, Samples.base(format.id()).length, (input, limits) -> {
            DeltaException first = null;
            try {
                S out = s.apply(base, input, limits);
                bounded(format.toBytes(out), input.length, limits, "apply's result");
            } catch (DeltaException e) {
                first = e;
            }
            quietly(() -> s.summary(input));
            quietly(() -> s.describe(input));
            quietly(() -> s.describe(base, input, limits));
            if (first != null) {
                throw first;
            }
        });
    }

    private static <S> Optional<byte[]> diff(DeltaStrategy<S> s, S base, byte[] newer) {
        try {
            return Optional.of(s.diff(base, state(s.stateFormat(), newer)));
        } catch (DeltaException declined) { // e.g. a strategy that serves only some states
            return Optional.empty();
        }
    }

    // ---- native formats ----

    private static <S> Optional<FuzzTarget> nativeTarget(DeltaStrategy<S> s) {
        return s.nativeFormat().map(n -> nativeTarget(s, n));
    }

    private static <S> FuzzTarget nativeTarget(DeltaStrategy<S> s, NativeFormat<S> n) {
        StateFormat<S> format = s.stateFormat();
        S base = state(format, Samples.base(format.id()));
        List<byte[]> seeds = new ArrayList<>();
        for (byte[] newer : Samples.newer(format.id())) {
            try {
                seeds.add(n.diff(base, state(format, newer)));
            } catch (DeltaException declined) {
                // not every pair suits every format
            }
        }
        return new Simple("native-" + s.id(), seeds, Samples.base(format.id()).length, (input, limits) -> {
            DeltaException first = null;
            try {
                bounded(format.toBytes(n.apply(base, input, limits)), input.length, limits, "apply's result");
            } catch (DeltaException e) {
                first = e;
            }
            if (n.appliesTolerantly()) {
                quietly(() -> n.applyTolerantly(base, input, 2, adjustment -> { }, limits));
            }
            if (first != null) {
                throw first;
            }
        });
    }

    // ---- codecs ----

    private static FuzzTarget codecTarget(Codec codec) {
        List<byte[]> seeds = new ArrayList<>();
        for (String formatId : List.of("bytes", "utf8-text", "json-map")) {
            seeds.add(codec.encode(Samples.base(formatId), codec.defaultLevel()));
            for (byte[] newer : Samples.newer(formatId)) {
                seeds.add(codec.encode(newer, codec.maxLevel()));
            }
        }
        return new Simple("codec-" + codec.id(), seeds, 0, (input, limits) -> {
            byte[] decoded = codec.decode(input, limits);
            if (decoded.length > limits.maxDecodedBytes(input.length)) {
                throw new AssertionError("the decoded payload is " + decoded.length + " bytes, beyond the "
                        + limits.maxDecodedBytes(input.length) + " the limits allow for " + input.length + " bytes");
            }
        });
    }

    // ---- records ----

    private static <S> void records(DeltaStrategy<S> s, List<byte[]> wire, List<byte[]> json) {
        StateFormat<S> format = s.stateFormat();
        S base = state(format, Samples.base(format.id()));
        for (String codec : REGISTRY.codecIds()) {
            DeltaCompressor<S> c = DeltaCompressor.builder(format).registry(REGISTRY).strategy(s).codec(codec)
                    .limits(Hostile.LIMITS).build();
            for (byte[] newer : Samples.newer(format.id())) {
                try {
                    DeltaRecord r = c.diff(base, state(format, newer));
                    wire.add(r.toBytes());
                    json.add(r.toJson().getBytes(StandardCharsets.UTF_8));
                } catch (DeltaException declined) {
                    // not every pair suits every strategy
                }
            }
        }
    }

    private static void applyWire(byte[] input, Limits limits) {
        applyRecord(DeltaRecord.fromBytes(input, limits), input.length, limits);
    }

    private static void applyJson(byte[] input, Limits limits) {
        applyRecord(DeltaRecord.fromJson(new String(input, StandardCharsets.UTF_8), limits), input.length, limits);
    }

    private static void applyRecord(DeltaRecord record, int inputLength, Limits limits) {
        StateFormat<?> format = REGISTRY.stateFormat(record.stateFormatId());
        applyRecord(format, record, inputLength, limits);
    }

    private static <S> void applyRecord(StateFormat<S> format, DeltaRecord record, int inputLength, Limits limits) {
        byte[] baseBytes = Samples.base(format.id());
        if (baseBytes == null) {
            return;
        }
        DeltaCompressor<S> c = DeltaCompressor.builder(format).registry(REGISTRY).limits(limits).build();
        S out = c.apply(state(format, baseBytes), record);
        byte[] canonical = bounded(format.toBytes(out), inputLength, limits, "apply's result");
        if (!Arrays.equals(sha256(canonical), record.targetHash())) {
            throw new AssertionError("record #" + record.index() + " applied to a state that does not hash to its"
                    + " target: a silent wrong result");
        }
    }

    // ---- helpers ----

    static <S> S state(StateFormat<S> format, byte[] canonical) {
        return format.fromBytes(canonical, Hostile.LIMITS);
    }

    /** A result within the limits: the state limit, and what the ratio allows for the input and the base. */
    private static byte[] bounded(byte[] out, int inputLength, Limits limits, String what) {
        long bound = Math.min(limits.maxStateBytes(), limits.maxExpandedBytes(inputLength, Samples.largestBase()));
        if (out.length > bound) {
            throw new AssertionError(what + " is " + out.length + " bytes, beyond the " + bound + " the limits allow");
        }
        return out;
    }

    private static void quietly(Runnable r) {
        try {
            r.run();
        } catch (DeltaException refused) {
            // refusing is fine; anything else propagates to the contract
        }
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
