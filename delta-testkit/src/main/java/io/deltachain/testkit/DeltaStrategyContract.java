package io.deltachain.testkit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.deltachain.api.DeltaException;
import io.deltachain.spi.DeltaStrategy;
import io.deltachain.api.Limits;
import io.deltachain.spi.NativeFormat;
import io.deltachain.api.PatchSummary;
import io.deltachain.spi.StateFormat;
import io.deltachain.api.UnsupportedDeltaOperationException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The contract every {@link DeltaStrategy} must meet, as abstract JUnit 5 tests: extend it in a
 * test class, supply the strategy, a seeded generator of state pairs and the empty state, and every
 * check below runs against your strategy.
 *
 * <pre>{@code
 * class AppendOnlyStrategyTest extends DeltaStrategyContract<byte[]> {
 *     protected DeltaStrategy<byte[]> strategy() {
 *         return new AppendOnlyStrategy();
 *     }
 *
 *     protected StatePairs<byte[]> statePairs() {
 *         return random -> {
 *             byte[] base = new byte[random.nextInt(200)];
 *             random.nextBytes(base);
 *             byte[] target = Arrays.copyOf(base, base.length + random.nextInt(50));
 *             return new StatePair<>(base, target);
 *         };
 *     }
 *
 *     protected byte[] emptyState() {
 *         return new byte[0];
 *     }
 * }
 * }</pre>
 *
 * <p>What is checked: round trips (including empty and identical states), that {@code diff} is
 * deterministic, that {@code apply} leaves its base alone, that {@code compose} matches applying
 * one payload after the other (when {@link DeltaStrategy#canCompose()}), that summaries are
 * consistent, that damaged payloads (random bytes, truncations, flipped bytes and bits) give a
 * {@link DeltaException} subtype and nothing else, that one instance serves several threads, that
 * the id is stable, and that the {@linkplain DeltaStrategy#nativeFormat() native format} round-trips.
 * Opt in to stricter checks with {@link #rejectsGarbage()}; tune with {@link #limits()},
 * {@link #iterations()} and {@link #seed()}. To leave one check out, override its method without
 * {@code @Test} and say why in a comment.
 *
 * <p>Every check draws its randomness from one seed, and every failure message carries it:
 * {@code seed=123 (rerun with -Ddeltachain.seed=123)}. The seed is also printed once per test
 * class. With Maven: {@code mvn test -Dtest=MyStrategyTest -Ddeltachain.seed=123} (Surefire passes
 * {@code -D} properties to the tests).
 *
 * <p>Not thread-safe itself; JUnit creates an instance per test method.
 *
 * @param <S> the state type of the strategy under test
 */
public abstract class DeltaStrategyContract<S> extends SeededContract {

    /** The system property that fixes the seed: {@code -Ddeltachain.seed=123}. */

    private static final int EXHAUSTIVE_PAIRS = 3;
    private static final int THREADS = 4;
    private static final int ROUNDS_PER_THREAD = 3;
    private static final int MAX_CONCURRENT_PAIRS = 32;
    private static final int MAX_EDGE_PAIRS = 25;
    private static final long GARBAGE_BYTE_CAP = 64L << 20;
    private static final int[] STRICT_GARBAGE_LENGTHS = {1, 2, 3, 4, 5, 8, 16, 17, 64, 255, 1024, 4096};

    /** For subclasses. */
    protected DeltaStrategyContract() {
    }

    /**
     * @return the strategy under test; may be a new instance on every call or a shared one
     */
    protected abstract DeltaStrategy<S> strategy();

    /**
     * @return a generator of state pairs that draws every choice from the {@link Random} it gets
     */
    protected abstract StatePairs<S> statePairs();

    /**
     * @return the empty state of the strategy's format: no bytes, empty text, an empty map
     */
    protected abstract S emptyState();

    /**
     * Opts in to the stricter check that random garbage is refused: return {@code true} when the
     * payload format carries enough structure (magic, lengths, checksum) that random bytes are
     * never a valid payload.
     *
     * @return whether random garbage must throw a {@link DeltaException} subtype; {@code false} by default
     */
    protected boolean rejectsGarbage() {
        return false;
    }

    /**
     * The limits passed to every {@code apply}. Garbage checks use these with byte limits capped at
     * 64 MiB, so that a damaged length field cannot make a test allocate gigabytes.
     *
     * @return the limits to apply payloads with; {@link Limits#defaults()} by default
     */
    protected Limits limits() {
        return Limits.defaults();
    }



    /** {@code apply(base, diff(base, target))} is equivalent to {@code target} for every generated pair. */
    @Test
    public void roundTripRestoresTarget() {
        seeded("roundTripRestoresTarget", t -> {
            DeltaStrategy<S> strategy = strategy();
            StatePairs<S> pairs = statePairs();
            for (int i = 0; i < iterations(); i++) {
                t.at("pair " + i);
                StatePair<S> pair = pairs.next(t.random());
                assertRoundTrip(t, strategy, pair.base(), pair.target());
            }
        });
    }

    /** Empty to empty, empty to a state, a state to empty and a state to itself all round-trip. */
    @Test
    public void emptyAndIdenticalStatesRoundTrip() {
        seeded("emptyAndIdenticalStatesRoundTrip", t -> {
            DeltaStrategy<S> strategy = strategy();
            StateFormat<S> format = strategy.stateFormat();
            t.at("empty -> empty");
            assertRoundTrip(t, strategy, emptyState(), emptyState());
            StatePairs<S> pairs = statePairs();
            for (int i = 0; i < Math.min(iterations(), MAX_EDGE_PAIRS); i++) {
                StatePair<S> pair = pairs.next(t.random());
                for (S x : List.of(pair.base(), pair.target())) {
                    t.at("pair " + i + ", empty -> state");
                    assertRoundTrip(t, strategy, emptyState(), x);
                    t.at("pair " + i + ", state -> empty");
                    assertRoundTrip(t, strategy, x, emptyState());
                    t.at("pair " + i + ", state -> same state object");
                    assertRoundTrip(t, strategy, x, x);
                    t.at("pair " + i + ", state -> copy of state");
                    assertRoundTrip(t, strategy, x, format.copy(x));
                }
            }
        });
    }

    /** Diffing the same states twice, or copies of them, gives identical payload bytes. */
    @Test
    public void diffIsDeterministic() {
        seeded("diffIsDeterministic", t -> {
            DeltaStrategy<S> strategy = strategy();
            StateFormat<S> format = strategy.stateFormat();
            StatePairs<S> pairs = statePairs();
            for (int i = 0; i < iterations(); i++) {
                t.at("pair " + i);
                StatePair<S> pair = pairs.next(t.random());
                byte[] first = strategy.diff(pair.base(), pair.target());
                byte[] second = strategy.diff(pair.base(), pair.target());
                byte[] ofCopies = strategy.diff(format.copy(pair.base()), format.copy(pair.target()));
                t.check(Arrays.equals(first, second), "diff gave different bytes for the same states: "
                        + Trial.differ(first, second));
                t.check(Arrays.equals(first, ofCopies), "diff gave different bytes for copies of the same states: "
                        + Trial.differ(first, ofCopies));
            }
        });
    }

    /**
     * {@code diff} and {@code apply} leave the canonical bytes of their states and the payload array
     * as they were, and applying twice gives equivalent results.
     */
    @Test
    public void applyDoesNotMutateBase() {
        seeded("applyDoesNotMutateBase", t -> {
            DeltaStrategy<S> strategy = strategy();
            StateFormat<S> format = strategy.stateFormat();
            StatePairs<S> pairs = statePairs();
            for (int i = 0; i < iterations(); i++) {
                t.at("pair " + i);
                StatePair<S> pair = pairs.next(t.random());
                byte[] baseBefore = format.toBytes(pair.base());
                byte[] targetBefore = format.toBytes(pair.target());
                byte[] payload = strategy.diff(pair.base(), pair.target());
                t.check(payload != null, "diff returned null");
                t.check(Arrays.equals(baseBefore, format.toBytes(pair.base())), "diff changed its base: "
                        + Trial.differ(baseBefore, format.toBytes(pair.base())));
                t.check(Arrays.equals(targetBefore, format.toBytes(pair.target())), "diff changed its target: "
                        + Trial.differ(targetBefore, format.toBytes(pair.target())));
                byte[] payloadBefore = payload.clone();
                S first = strategy.apply(pair.base(), payload, limits());
                t.check(Arrays.equals(baseBefore, format.toBytes(pair.base())), "apply changed its base: "
                        + Trial.differ(baseBefore, format.toBytes(pair.base())));
                t.check(Arrays.equals(payloadBefore, payload), "apply changed the payload array: "
                        + Trial.differ(payloadBefore, payload));
                S second = strategy.apply(pair.base(), payload, limits());
                t.check(first != null && second != null, "apply returned null");
                t.check(format.equivalent(first, second), "applying the same payload to the same base twice gave "
                        + describe(format, first) + " then " + describe(format, second));
            }
        });
    }

    /**
     * For states a, b, c: {@code apply(a, compose(diff(a, b), diff(b, c)))} is equivalent to c, also
     * when c is a again (a key removed and re-added must survive). Skipped unless
     * {@link DeltaStrategy#canCompose()}; triples whose second diff is an
     * {@link UnsupportedDeltaOperationException} are left out.
     */
    @Test
    public void composeMatchesSequentialApplication() {
        DeltaStrategy<S> strategy = strategy();
        assumeTrue(strategy.canCompose(), () -> "strategy '" + strategy.id() + "' does not compose");
        seeded("composeMatchesSequentialApplication", t -> {
            StateFormat<S> format = strategy.stateFormat();
            StatePairs<S> pairs = statePairs();
            int composed = 0;
            for (int i = 0; i < iterations(); i++) {
                StatePair<S> first = pairs.next(t.random());
                StatePair<S> second = pairs.next(t.random());
                S a = first.base();
                S b = first.target();
                S c = i % 2 == 0 ? second.target() : a;
                t.at("triple " + i + (c == a ? " (a, b, a)" : " (a, b, c)"));
                byte[] ab = strategy.diff(a, b);
                byte[] bc;
                try {
                    bc = strategy.diff(b, c);
                } catch (UnsupportedDeltaOperationException e) {
                    continue;
                }
                byte[] ac = strategy.compose(ab, bc);
                t.check(ac != null, "compose returned null");
                S sequential = strategy.apply(strategy.apply(a, ab, limits()), bc, limits());
                S viaComposed = strategy.apply(a, ac, limits());
                t.check(format.equivalent(sequential, c), "applying diff(a, b) then diff(b, c) gave "
                        + describe(format, sequential) + ", not c " + describe(format, c));
                t.check(format.equivalent(viaComposed, c), "apply(a, compose(diff(a, b), diff(b, c))) gave "
                        + describe(format, viaComposed) + ", but applying one after the other gives c "
                        + describe(format, c) + "; composed payload " + Trial.preview(ac));
                composed++;
            }
            assumeTrue(composed > 0, "no generated triple could be diffed, so compose was not exercised");
        });
    }

    /**
     * {@code summary} of a valid payload never throws, never returns null, and known counts are not
     * negative; {@code describe}, with and without the base, never returns null, leaves the payload
     * alone, is deterministic, renders either in both forms or in neither, and renders a payload
     * between equal states as the empty string.
     */
    @Test
    public void summaryOfValidPayloadIsConsistent() {
        seeded("summaryOfValidPayloadIsConsistent", t -> {
            DeltaStrategy<S> strategy = strategy();
            StatePairs<S> pairs = statePairs();
            for (int i = 0; i < iterations(); i++) {
                StatePair<S> pair = pairs.next(t.random());
                t.at("pair " + i);
                byte[] payload = strategy.diff(pair.base(), pair.target());
                checkSummary(t, strategy, payload);
                checkSummaryOnApply(t, strategy, pair.base(), payload, limits());
                checkDescribe(t, strategy, pair.base(), payload, limits(), false);
                t.at("pair " + i + ", base -> base");
                byte[] none = strategy.diff(pair.base(), pair.base());
                checkSummary(t, strategy, none);
                checkDescribe(t, strategy, pair.base(), none, limits(), true);
            }
        });
    }

    /**
     * Damaged payloads (empty, random bytes, every short truncation, flipped bits and bytes, valid
     * payloads on the wrong base) make {@code apply}, {@code summary} and {@code compose} return
     * normally or throw a {@link DeltaException} subtype; any other throwable fails with its type.
     */
    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    public void garbagePayloadsGiveOnlyDeltaExceptions() {
        seeded("garbagePayloadsGiveOnlyDeltaExceptions", t -> {
            DeltaStrategy<S> strategy = strategy();
            StateFormat<S> format = strategy.stateFormat();
            Limits limits = garbageLimits();
            t.at("empty payload on the empty state");
            expectOnlyDeltaException(t, "apply", new byte[0], () -> strategy.apply(emptyState(), new byte[0], limits));
            StatePairs<S> pairs = statePairs();
            for (int i = 0; i < iterations(); i++) {
                StatePair<S> pair = pairs.next(t.random());
                S base = pair.base();
                byte[] baseBefore = format.toBytes(base);
                byte[] valid = strategy.diff(base, pair.target());
                String where = "pair " + i + ", ";
                t.at(where + "empty payload");
                expectOnlyDeltaException(t, "apply", new byte[0], () -> strategy.apply(base, new byte[0], limits));
                Corruptions.forEach(valid, t.random(), i < EXHAUSTIVE_PAIRS, (damage, garbage) -> {
                    t.at(where + "payload " + damage);
                    expectOnlyDeltaException(t, "apply", garbage, () -> strategy.apply(base, garbage, limits));
                    expectOnlyDeltaException(t, "summary", garbage, () -> strategy.summary(garbage));
                    expectOnlyDeltaException(t, "describe", garbage, () -> strategy.describe(garbage));
                    expectOnlyDeltaException(t, "describe(base, ...)", garbage,
                            () -> strategy.describe(base, garbage, limits));
                    if (strategy.canCompose()) {
                        expectOnlyDeltaException(t, "compose(valid, garbage)", garbage,
                                () -> strategy.compose(valid, garbage));
                        expectOnlyDeltaException(t, "compose(garbage, valid)", garbage,
                                () -> strategy.compose(garbage, valid));
                    }
                });
                t.at(where + "valid payload applied to the empty state instead of its base");
                expectOnlyDeltaException(t, "apply", valid, () -> strategy.apply(emptyState(), valid, limits));
                t.at(where + "valid payload applied to its target instead of its base");
                expectOnlyDeltaException(t, "apply", valid, () -> strategy.apply(pair.target(), valid, limits));
                t.check(Arrays.equals(baseBefore, format.toBytes(base)), "applying damaged payloads changed the base: "
                        + Trial.differ(baseBefore, format.toBytes(base)));
            }
        });
    }

    /**
     * When {@link #rejectsGarbage()} is true, random bytes of many lengths are refused with a
     * {@link DeltaException} subtype. Skipped otherwise.
     */
    @Test
    public void rejectsGarbageWhenItSaysSo() {
        assumeTrue(rejectsGarbage(), "rejectsGarbage() is false: damaged payloads may still apply");
        seeded("rejectsGarbageWhenItSaysSo", t -> {
            DeltaStrategy<S> strategy = strategy();
            StateFormat<S> format = strategy.stateFormat();
            Limits limits = garbageLimits();
            StatePairs<S> pairs = statePairs();
            int rounds = Math.max(1, iterations() / 10);
            for (int round = 0; round < rounds; round++) {
                S base = round % 2 == 0 ? emptyState() : pairs.next(t.random()).base();
                for (int length : STRICT_GARBAGE_LENGTHS) {
                    byte[] garbage = Corruptions.randomBytes(t.random(), length);
                    t.at("round " + round + ", " + length + " random bytes");
                    S result;
                    try {
                        result = strategy.apply(base, garbage, limits);
                    } catch (DeltaException expected) {
                        continue;
                    } catch (Throwable e) {
                        throw t.fail("apply threw " + e.getClass().getName() + " instead of a DeltaException subtype on "
                                + Trial.preview(garbage) + ": " + e.getMessage(), e);
                    }
                    throw t.fail("apply accepted random garbage " + Trial.preview(garbage) + " and returned "
                            + describe(format, result) + "; rejectsGarbage() is true, so it must throw a"
                            + " DeltaException subtype");
                }
            }
        });
    }

    /**
     * Several threads diff and apply with the same strategy instance at once, and every result
     * equals the single-threaded one.
     */
    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    public void concurrentUseIsSafe() {
        seeded("concurrentUseIsSafe", t -> {
            DeltaStrategy<S> strategy = strategy();
            StateFormat<S> format = strategy.stateFormat();
            StatePairs<S> pairs = statePairs();
            int count = Math.max(1, Math.min(iterations(), MAX_CONCURRENT_PAIRS));
            List<StatePair<S>> generated = new ArrayList<>(count);
            List<byte[]> payloads = new ArrayList<>(count);
            t.at("single-threaded diffs");
            for (int i = 0; i < count; i++) {
                StatePair<S> pair = pairs.next(t.random());
                generated.add(pair);
                payloads.add(strategy.diff(pair.base(), pair.target()));
            }
            Workers.run(t, THREADS, "concurrent round trips", (thread, random) -> {
                List<Integer> order = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    order.add(i);
                }
                for (int round = 0; round < ROUNDS_PER_THREAD; round++) {
                    Collections.shuffle(order, random);
                    for (int k : order) {
                        StatePair<S> pair = generated.get(k);
                        Workers.step("thread " + thread + ", round " + round + ", pair " + k, () -> {
                            byte[] payload = strategy.diff(pair.base(), pair.target());
                            if (!Arrays.equals(payload, payloads.get(k))) {
                                throw new AssertionError("concurrent diff differs from the single-threaded one: "
                                        + Trial.differ(payloads.get(k), payload));
                            }
                            S result = strategy.apply(pair.base(), payload, limits());
                            if (result == null || !format.equivalent(result, pair.target())) {
                                throw new AssertionError("concurrent apply gave " + describe(format, result)
                                        + ", not the target " + describe(format, pair.target()));
                            }
                        });
                    }
                }
            });
        });
    }

    /** The id matches {@code [a-z][a-z0-9-]*} and is the same on every call; the state format is present. */
    @Test
    public void idIsStableLowerCase() {
        seeded("idIsStableLowerCase", t -> {
            String id = strategy().id();
            t.check(id != null && ID.matcher(id).matches(), "id '" + id + "' must match " + ID.pattern());
            t.check(id.equals(strategy().id()), "id changed between calls: '" + id + "' then '" + strategy().id() + "'");
            t.check(strategy().stateFormat() != null, "stateFormat() returned null");
            t.check(strategy().stateFormat().id() != null, "stateFormat().id() returned null");
        });
    }

    /**
     * When the strategy has a native format, its patches round-trip and damaged native patches give
     * only {@link DeltaException} subtypes. Skipped otherwise.
     */
    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    public void nativeFormatRoundTripsWhenPresent() {
        DeltaStrategy<S> strategy = strategy();
        Optional<NativeFormat<S>> present = strategy.nativeFormat();
        assumeTrue(present.isPresent(), () -> "strategy '" + strategy.id() + "' has no native format");
        NativeFormat<S> nativeFormat = present.get();
        seeded("nativeFormatRoundTripsWhenPresent", t -> {
            StateFormat<S> format = strategy.stateFormat();
            Limits limits = garbageLimits();
            t.check(nativeFormat.name() != null && !nativeFormat.name().isBlank(), "native format has no name");
            StatePairs<S> pairs = statePairs();
            for (int i = 0; i < iterations(); i++) {
                StatePair<S> pair = pairs.next(t.random());
                S base = pair.base();
                String where = "pair " + i + ", " + nativeFormat.name();
                t.at(where + " round trip");
                byte[] patch = nativeFormat.diff(base, pair.target());
                t.check(patch != null, "native diff returned null");
                S result = nativeFormat.apply(base, patch, limits());
                t.check(result != null && format.equivalent(result, pair.target()), "native apply(base, native diff)"
                        + " gave " + describe(format, result) + ", not the target " + describe(format, pair.target())
                        + "; native patch " + Trial.preview(patch));
                Corruptions.forEach(patch, t.random(), i < EXHAUSTIVE_PAIRS, (damage, garbage) -> {
                    t.at(where + " patch " + damage);
                    expectOnlyDeltaException(t, "native apply", garbage, () -> nativeFormat.apply(base, garbage, limits));
                });
            }
        });
    }

    /** The generator gives equivalent pairs from equal seeds, so that a seed reproduces a failure. */
    @Test
    public void statePairsAreReproducibleFromTheSeed() {
        seeded("statePairsAreReproducibleFromTheSeed", t -> {
            StateFormat<S> format = strategy().stateFormat();
            long generatorSeed = t.random().nextLong();
            Random first = new Random(generatorSeed);
            Random second = new Random(generatorSeed);
            StatePairs<S> one = statePairs();
            StatePairs<S> other = statePairs();
            for (int i = 0; i < Math.min(iterations(), MAX_EDGE_PAIRS); i++) {
                t.at("pair " + i);
                StatePair<S> a = one.next(first);
                StatePair<S> b = other.next(second);
                t.check(format.equivalent(a.base(), b.base()) && format.equivalent(a.target(), b.target()),
                        "statePairs() gave different pairs for the same Random seed (" + describe(format, a.base())
                        + " vs " + describe(format, b.base()) + "); draw every choice from the Random it is given");
            }
        });
    }

    private Limits garbageLimits() {
        Limits limits = limits();
        return limits.withMaxPayloadBytes(Math.min(limits.maxPayloadBytes(), GARBAGE_BYTE_CAP))
                .withMaxStateBytes(Math.min(limits.maxStateBytes(), GARBAGE_BYTE_CAP));
    }

    private void assertRoundTrip(Trial t, DeltaStrategy<S> strategy, S base, S target) {
        StateFormat<S> format = strategy.stateFormat();
        byte[] payload = strategy.diff(base, target);
        t.check(payload != null, "diff returned null");
        S result = strategy.apply(base, payload, limits());
        t.check(result != null, "apply returned null");
        t.check(format.equivalent(result, target), "apply(base, diff(base, target)) gave " + describe(format, result)
                + ", not the target " + describe(format, target) + "; base " + describe(format, base)
                + ", payload " + Trial.preview(payload));
    }

    private static void checkSummary(Trial t, DeltaStrategy<?> strategy, byte[] payload) {
        byte[] before = payload.clone();
        PatchSummary summary = strategy.summary(payload);
        t.check(summary != null, "summary returned null; return PatchSummary.UNKNOWN when it cannot tell");
        t.check(Arrays.equals(before, payload), "summary changed the payload array");
        if (summary.known()) {
            t.check(summary.changes() >= 0 && summary.removals() >= 0, "summary has negative counts: " + summary);
            t.check(summary.affectedKeys() != null && summary.affectedKeys().stream().noneMatch(Objects::isNull),
                    "summary has null affected keys: " + summary);
        }
    }

    /** What {@code apply} hands to its summary consumer is the target and the summary, or nothing. */
    private static <S> void checkSummaryOnApply(Trial t, DeltaStrategy<S> strategy, S base, byte[] payload,
                                                Limits limits) {
        List<PatchSummary> given = new ArrayList<>();
        S result = strategy.apply(base, payload, limits, given::add);
        StateFormat<S> format = strategy.stateFormat();
        t.check(format.equivalent(result, strategy.apply(base, payload, limits)), "apply with a summary consumer gave "
                + describe(format, result) + ", not what apply alone gives");
        t.check(given.size() <= 1, "apply handed its summary consumer " + given.size() + " summaries: " + given);
        if (!given.isEmpty()) {
            t.check(given.get(0).equals(strategy.summary(payload)), "apply handed its summary consumer "
                    + given.get(0) + ", but summary(payload) is " + strategy.summary(payload));
        }
    }

    private static <S> void checkDescribe(Trial t, DeltaStrategy<S> strategy, S base, byte[] payload, Limits limits,
                                          boolean unchanged) {
        byte[] before = payload.clone();
        Optional<String> alone = strategy.describe(payload);
        Optional<String> withBase = strategy.describe(base, payload, limits);
        t.check(alone != null && withBase != null, "describe returned null; return Optional.empty() when the strategy"
                + " renders no change");
        t.check(Arrays.equals(before, payload), "describe changed the payload array");
        t.check(alone.isPresent() == withBase.isPresent(), "describe renders " + (alone.isPresent() ? "" : "no ")
                + "change from the payload alone but " + (withBase.isPresent() ? "" : "no ") + "change with the base");
        t.check(alone.equals(strategy.describe(payload)) && withBase.equals(strategy.describe(base, payload, limits)),
                "describe is not deterministic");
        if (unchanged) {
            t.check(alone.map(String::isEmpty).orElse(true) && withBase.map(String::isEmpty).orElse(true),
                    "describe renders a payload between equal states as " + alone + " and " + withBase
                    + "; a payload that changes nothing renders as the empty string");
        }
    }

    private static void expectOnlyDeltaException(Trial t, String operation, byte[] garbage, Supplier<?> call) {
        Object result;
        try {
            result = call.get();
        } catch (DeltaException expected) {
            return;
        } catch (Throwable e) {
            throw t.fail(operation + " threw " + e.getClass().getName() + " instead of a DeltaException subtype on "
                    + Trial.preview(garbage) + ": " + e.getMessage(), e);
        }
        t.check(result != null, operation + " returned null on " + Trial.preview(garbage)
                + "; return a value or throw a DeltaException subtype");
    }


    private static <S> String describe(StateFormat<S> format, S state) {
        if (state == null) {
            return "null";
        }
        try {
            return Trial.preview(format.toBytes(state));
        } catch (RuntimeException e) {
            return "<state whose toBytes threw " + e.getClass().getName() + ">";
        }
    }
}
