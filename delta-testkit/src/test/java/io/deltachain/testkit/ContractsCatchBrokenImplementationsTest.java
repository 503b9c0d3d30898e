package io.deltachain.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltachain.spi.Codec;
import io.deltachain.spi.DeltaStrategy;
import io.deltachain.api.Limits;
import io.deltachain.spi.StateFormat;
import io.deltachain.api.StateFormats;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The contracts bite: deliberately broken strategies and codecs, run through the JUnit Platform
 * launcher, fail exactly the checks they break, with the seed in the message.
 *
 * <p>The fixtures are {@code @Disabled} nested classes, so neither Surefire nor an IDE runs them as
 * tests; the launcher here runs them with the disabled condition switched off.
 */
class ContractsCatchBrokenImplementationsTest {

    @Test
    void garbageCheckFailsOnAnIndexExceptionAndNamesTheSeed() {
        Map<String, TestExecutionResult> results = withSeedProperty("777", () -> run(BrokenStrategyFixture.class));

        assertEquals(Set.of("garbagePayloadsGiveOnlyDeltaExceptions"), failed(results), results::toString);
        String message = failureMessage(results, "garbagePayloadsGiveOnlyDeltaExceptions");
        assertTrue(message.contains("seed=777 (rerun with -Ddeltachain.seed=777)"), message);
        assertTrue(message.contains("java.lang.ArrayIndexOutOfBoundsException"), message);
        assertTrue(message.contains("instead of a DeltaException subtype"), message);
        assertEquals(TestExecutionResult.Status.SUCCESSFUL, status(results, "roundTripRestoresTarget"));
        assertEquals(TestExecutionResult.Status.ABORTED, status(results, "rejectsGarbageWhenItSaysSo"));
        assertEquals(TestExecutionResult.Status.ABORTED, status(results, "composeMatchesSequentialApplication"));
        assertEquals(TestExecutionResult.Status.ABORTED, status(results, "nativeFormatRoundTripsWhenPresent"));
    }

    @Test
    void withoutTheSeedPropertyAFreshSeedIsNamed() {
        Map<String, TestExecutionResult> results = withSeedProperty(null, () -> run(BrokenStrategyFixture.class));

        String message = failureMessage(results, "garbagePayloadsGiveOnlyDeltaExceptions");
        assertTrue(Pattern.compile("seed=(-?\\d+) \\(rerun with -Ddeltachain\\.seed=\\1\\)").matcher(message).find(),
                message);
    }

    @Test
    void mutatingTheBaseIsCaught() {
        Map<String, TestExecutionResult> results = run(BaseMutatingStrategyFixture.class);

        String message = failureMessage(results, "applyDoesNotMutateBase");
        assertTrue(message.contains("apply changed its base"), message);
        assertTrue(message.contains("seed=5"), message);
    }

    @Test
    void aSummaryOnApplyThatIsNotTheSummaryIsCaught() {
        Map<String, TestExecutionResult> results = run(WrongSummaryOnApplyFixture.class);

        String message = failureMessage(results, "summaryOfValidPayloadIsConsistent");
        assertTrue(message.contains("apply handed its summary consumer"), message);
    }

    @Test
    void codecThatIgnoresLimitsAndLeaksIoExceptionsIsCaught() {
        Map<String, TestExecutionResult> results = run(LeakyCodecFixture.class);

        assertEquals(Set.of("decodeIsBoundedByLimits", "decodeAcceptsPayloadExactlyAtTheLimit",
                "garbageGivesOnlyDeltaExceptions"), failed(results), results::toString);
        String garbage = failureMessage(results, "garbageGivesOnlyDeltaExceptions");
        assertTrue(garbage.contains("java.io.UncheckedIOException") && garbage.contains("seed=9"), garbage);
        String bomb = failureMessage(results, "decodeIsBoundedByLimits");
        assertTrue(bomb.contains("decode returned 8388608 bytes despite maxPayloadBytes=1048576"), bomb);
    }

    private static Map<String, TestExecutionResult> run(Class<?> fixture) {
        Map<String, TestExecutionResult> results = new TreeMap<>();
        TestExecutionListener listener = new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                test.getSource().filter(MethodSource.class::isInstance).map(MethodSource.class::cast)
                        .ifPresent(method -> results.put(method.getMethodName(), result));
            }

            @Override
            public void executionSkipped(TestIdentifier test, String reason) {
                throw new AssertionError(test.getDisplayName() + " was skipped: " + reason);
            }
        };
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                .selectors(DiscoverySelectors.selectClass(fixture))
                .configurationParameter("junit.jupiter.conditions.deactivate", "org.junit.*DisabledCondition")
                .build(), listener);
        assertTrue(results.size() >= 8, () -> "the fixture's checks did not run: " + results);
        return results;
    }

    private static Set<String> failed(Map<String, TestExecutionResult> results) {
        Set<String> failed = new java.util.TreeSet<>();
        results.forEach((name, result) -> {
            if (result.getStatus() == TestExecutionResult.Status.FAILED) {
                failed.add(name);
            }
        });
        return failed;
    }

    private static TestExecutionResult.Status status(Map<String, TestExecutionResult> results, String test) {
        return results.get(test).getStatus();
    }

    private static String failureMessage(Map<String, TestExecutionResult> results, String test) {
        TestExecutionResult result = results.get(test);
        assertEquals(TestExecutionResult.Status.FAILED, result.getStatus(), test + ": " + result);
        return result.getThrowable().map(Throwable::getMessage).orElse("");
    }

    private static <T> T withSeedProperty(String value, java.util.function.Supplier<T> body) {
        String previous = System.getProperty(DeltaStrategyContract.SEED_PROPERTY);
        setOrClear(value);
        try {
            return body.get();
        } finally {
            setOrClear(previous);
        }
    }

    private static void setOrClear(String value) {
        if (value == null) {
            System.clearProperty(DeltaStrategyContract.SEED_PROPERTY);
        } else {
            System.setProperty(DeltaStrategyContract.SEED_PROPERTY, value);
        }
    }

    /** Payload: one length byte, then the target. Reads the length without checking it. */
    static class IndexingStrategy implements DeltaStrategy<byte[]> {
        @Override
        public String id() {
            return "indexing";
        }

        @Override
        public StateFormat<byte[]> stateFormat() {
            return StateFormats.bytes();
        }

        @Override
        public byte[] diff(byte[] base, byte[] target) {
            byte[] payload = new byte[target.length + 1];
            payload[0] = (byte) target.length;
            System.arraycopy(target, 0, payload, 1, target.length);
            return payload;
        }

        @Override
        public byte[] apply(byte[] base, byte[] payload, Limits limits) {
            byte[] target = new byte[payload[0] & 0xff];
            System.arraycopy(payload, 1, target, 0, target.length);
            return target;
        }
    }

    /** Round-trips correctly but throws {@link ArrayIndexOutOfBoundsException} on garbage. */
    @Disabled("fixture: run only through the launcher by ContractsCatchBrokenImplementationsTest")
    static class BrokenStrategyFixture extends DeltaStrategyContract<byte[]> {
        @Override
        protected DeltaStrategy<byte[]> strategy() {
            return new IndexingStrategy();
        }

        @Override
        protected StatePairs<byte[]> statePairs() {
            return random -> RandomBytes.pair(random, 200);
        }

        @Override
        protected byte[] emptyState() {
            return new byte[0];
        }

        @Override
        protected int iterations() {
            return 20;
        }
    }

    /** Writes into its base while applying. */
    @Disabled("fixture: run only through the launcher by ContractsCatchBrokenImplementationsTest")
    static class BaseMutatingStrategyFixture extends BrokenStrategyFixture {
        @Override
        protected DeltaStrategy<byte[]> strategy() {
            return new IndexingStrategy() {
                @Override
                public byte[] apply(byte[] base, byte[] payload, Limits limits) {
                    if (base.length > 0) {
                        base[0]++;
                    }
                    return super.apply(base, payload, limits);
                }
            };
        }

        @Override
        protected long seed() {
            return 5;
        }
    }

    /** Hands its summary consumer a summary that {@code summary(payload)} does not give. */
    @Disabled("fixture: run only through the launcher by ContractsCatchBrokenImplementationsTest")
    static class WrongSummaryOnApplyFixture extends BrokenStrategyFixture {
        @Override
        protected DeltaStrategy<byte[]> strategy() {
            return new IndexingStrategy() {
                @Override
                public byte[] apply(byte[] base, byte[] payload, Limits limits,
                                    java.util.function.Consumer<io.deltachain.api.PatchSummary> summary) {
                    summary.accept(io.deltachain.api.PatchSummary.of(1, 0, java.util.List.of("/")));
                    return apply(base, payload, limits);
                }
            };
        }
    }

    /** zlib through JDK streams: ignores limits and lets IOExceptions escape. */
    @Disabled("fixture: run only through the launcher by ContractsCatchBrokenImplementationsTest")
    static class LeakyCodecFixture extends CodecContract {
        @Override
        protected Codec codec() {
            return new Codec() {
                @Override
                public String id() {
                    return "leaky";
                }

                @Override
                public int defaultLevel() {
                    return 6;
                }

                @Override
                public int minLevel() {
                    return 1;
                }

                @Override
                public int maxLevel() {
                    return 9;
                }

                @Override
                public byte[] encode(byte[] data, int level) {
                    Deflater deflater = new Deflater(checkLevel(level));
                    try {
                        ByteArrayOutputStream out = new ByteArrayOutputStream();
                        try (DeflaterOutputStream stream = new DeflaterOutputStream(out, deflater)) {
                            stream.write(data);
                        }
                        return out.toByteArray();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    } finally {
                        deflater.end();
                    }
                }

                @Override
                public byte[] decode(byte[] data, Limits limits) {
                    try (InflaterInputStream in = new InflaterInputStream(new ByteArrayInputStream(data))) {
                        return in.readAllBytes();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            };
        }

        @Override
        protected long seed() {
            return 9;
        }

        @Override
        protected int iterations() {
            return 10;
        }
    }
}
