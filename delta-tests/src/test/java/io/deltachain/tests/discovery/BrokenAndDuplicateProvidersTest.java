package io.deltachain.tests.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltachain.api.DeltaRegistry;
import io.deltachain.api.DuplicateProviderException;
import io.deltachain.api.ProviderFailure;
import io.deltachain.api.ProviderInfo;
import io.deltachain.api.ProviderInfo.Origin;
import io.deltachain.api.StateFormats;
import io.deltachain.api.UnknownStrategyException;
import io.deltachain.tests.fixtures.providers.FixtureStrategy;
import io.deltachain.tests.fixtures.providers.NoPublicNoArgConstructorStrategy;
import io.deltachain.tests.fixtures.providers.NotAStrategy;
import io.deltachain.tests.fixtures.providers.ThrowingConstructorStrategy;
import io.deltachain.tests.fixtures.providers.ThrowingIdStrategy;
import io.deltachain.tests.fixtures.providers.ThrowingStateFormatStrategy;
import io.deltachain.tests.fixtures.providers.TwinStrategyOne;
import io.deltachain.tests.fixtures.providers.TwinStrategyTwo;
import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Discovery through hand-built class loaders ({@link ServicesDirectory}): broken providers are
 * recorded and never hide the good ones, and two providers with one id are never resolved silently.
 * The fixture providers are listed only in temporary directories, never on this module's class path.
 */
class BrokenAndDuplicateProvidersTest {
    private static final String MISSING = "io.deltachain.tests.fixtures.providers.NoSuchStrategy";

    static Stream<Arguments> brokenProviders() {
        return Stream.of(
                Arguments.of("a services file naming a class that does not exist", MISSING),
                Arguments.of("a provider whose constructor throws", ThrowingConstructorStrategy.class.getName()),
                Arguments.of("a provider with no public no-argument constructor",
                        NoPublicNoArgConstructorStrategy.class.getName()),
                Arguments.of("a provider whose id() throws", ThrowingIdStrategy.class.getName()),
                Arguments.of("a class that is no DeltaStrategy", NotAStrategy.class.getName()));
    }

    @ParameterizedTest(name = "{0} is recorded, and the good providers are still found")
    @MethodSource("brokenProviders")
    void aBrokenProviderIsRecordedAndHidesNothing(String what, String className, @TempDir Path dir) throws IOException {
        try (URLClassLoader loader = ServicesDirectory.listingStrategies(dir, className)) {
            DeltaRegistry registry = DeltaRegistry.load(loader);

            assertEquals(1, registry.failures().size(), () -> what + ": " + registry.failures());
            ProviderFailure failure = registry.failures().get(0);
            assertEquals("DeltaStrategy", failure.service());
            assertGoodProvidersFound(registry);

            UnknownStrategyException e = assertThrows(UnknownStrategyException.class, () -> registry.strategy("nope"));
            assertTrue(e.getMessage().contains("Available: append-only, bsdiff, dict, json-patch, merge-patch, text, zstd-patch"), e.getMessage());
            assertTrue(e.getMessage().contains(failure.toString()),
                    () -> "a later lookup error repeats the failure '" + failure + "': " + e.getMessage());
            assertTrue(registry.describe().contains("failed: " + failure), registry::describe);
        }
    }

    @ParameterizedTest(name = "the failure of {0} names the class at fault")
    @MethodSource("brokenProviders")
    void aRecordedFailureNamesTheClassAtFault(String what, String className, @TempDir Path dir) throws IOException {
        try (URLClassLoader loader = ServicesDirectory.listingStrategies(dir, className)) {
            DeltaRegistry registry = DeltaRegistry.load(loader);
            ProviderFailure failure = registry.failures().get(0);
            assertTrue(failure.message().contains(className), () -> what + ": " + failure);
        }
    }

    /**
     * The JDK's own messages name the class for the other failures; when the provider's id() throws,
     * only the provider's exception message is recorded, which rarely names its class or jar.
     */
    @Test
    void aFailureOfIdNamesTheProviderClass(@TempDir Path dir) throws IOException {
        try (URLClassLoader loader = ServicesDirectory.listingStrategies(dir, ThrowingIdStrategy.class.getName())) {
            ProviderFailure failure = DeltaRegistry.load(loader).failures().get(0);
            assertTrue(failure.message().contains(ThrowingIdStrategy.class.getName()), failure::toString);
            assertTrue(failure.message().contains("id not configured"), failure::toString);
        }
    }

    @Test
    void everyKindOfBrokenProviderTogetherHidesNothingAndIsListedInOrder(@TempDir Path dir) throws IOException {
        List<String> broken = brokenProviders().map(a -> (String) a.get()[1]).collect(Collectors.toList());
        try (URLClassLoader loader = ServicesDirectory.listingStrategies(dir, broken.toArray(String[]::new))) {
            DeltaRegistry registry = DeltaRegistry.load(loader);
            assertEquals(broken.size(), registry.failures().size(), registry::describe);
            assertGoodProvidersFound(registry);
            String message = assertThrows(UnknownStrategyException.class, () -> registry.strategy("xdelta")).getMessage();
            assertTrue(message.contains("Available: append-only, bsdiff, dict, json-patch, merge-patch, text, zstd-patch"), message);
            for (ProviderFailure failure : registry.failures()) {
                assertTrue(message.contains(failure.toString()), () -> failure + " missing from: " + message);
            }
            // Lookups that succeed are not disturbed by the failures.
            assertEquals("dict", registry.strategy("dict").id());
            assertEquals("gzip", registry.codec("gzip").id());
        }
    }

    /** A provider that loads but breaks later (here: stateFormat() throws) must not break the others. */
    @Test
    void aStrategyWhoseStateFormatThrowsHidesNothing(@TempDir Path dir) throws IOException {
        try (URLClassLoader loader = ServicesDirectory.listingStrategies(dir, ThrowingStateFormatStrategy.class.getName())) {
            DeltaRegistry registry = DeltaRegistry.load(loader);
            assertGoodProvidersFound(registry);
            assertEquals(Set.of("append-only", "bsdiff", "text", "zstd-patch"), registry.strategiesFor(StateFormats.bytes()).stream()
                    .map(s -> s.id()).collect(Collectors.toSet()));
            assertTrue(registry.providers().stream().anyMatch(p -> p.id().equals("dict")));
            assertEquals(1, registry.failures().size(), registry::describe);
        }
    }

    @Test
    void twoDiscoveredProvidersWithOneIdAreNeverPickedSilently(@TempDir Path dir) throws IOException {
        try (URLClassLoader loader = ServicesDirectory.listingStrategies(dir, TwinStrategyOne.class.getName(),
                TwinStrategyTwo.class.getName())) {
            DeltaRegistry registry = DeltaRegistry.load(loader);
            assertEquals(List.of(), registry.failures());
            assertTrue(registry.strategyIds().contains("twin"), registry::describe);

            DuplicateProviderException e = assertThrows(DuplicateProviderException.class, () -> registry.strategy("twin"));
            assertTrue(e.getMessage().contains(TwinStrategyOne.class.getName()), e.getMessage());
            assertTrue(e.getMessage().contains(TwinStrategyTwo.class.getName()), e.getMessage());
            assertTrue(e.getMessage().contains("'twin'"), e.getMessage());
            assertThrows(DuplicateProviderException.class, () -> registry.strategy("twin", StateFormats.bytes()));

            String description = registry.describe();
            assertTrue(description.contains("DUPLICATE"), description);
            assertEquals(2, description.lines().filter(l -> l.startsWith("strategy twin:")).count(), description);

            // The others are unaffected, and listings by format leave the ambiguous id out.
            assertEquals("dict", registry.strategy("dict").id());
            assertEquals(Set.of("append-only", "bsdiff", "text", "zstd-patch"), registry.strategiesFor(StateFormats.bytes()).stream()
                    .map(s -> s.id()).collect(Collectors.toSet()));
        }
    }

    @Test
    void theSameProviderListedTwiceIsNoDuplicate(@TempDir Path dir) throws IOException {
        try (URLClassLoader loader = ServicesDirectory.listingStrategies(dir, TwinStrategyOne.class.getName(),
                TwinStrategyOne.class.getName())) {
            DeltaRegistry registry = DeltaRegistry.load(loader);
            assertEquals(TwinStrategyOne.class, registry.strategy("twin").getClass());
            assertEquals(List.of(), registry.failures());
        }
    }

    @Test
    void anExplicitlyRegisteredStrategyReplacesDiscoveredOnesOfItsId(@TempDir Path dir) throws IOException {
        try (URLClassLoader loader = ServicesDirectory.listingStrategies(dir, TwinStrategyOne.class.getName(),
                TwinStrategyTwo.class.getName())) {
            TwinStrategyTwo explicit = new TwinStrategyTwo();
            DeltaRegistry registry = DeltaRegistry.builder().discover(loader).strategy(explicit).build();

            assertSame(explicit, registry.strategy("twin"));
            List<ProviderInfo> twins = registry.providers().stream().filter(p -> p.id().equals("twin"))
                    .collect(Collectors.toList());
            assertEquals(1, twins.size(), twins::toString);
            assertEquals(Origin.EXPLICIT, twins.get(0).origin());

            String line = registry.describe().lines().filter(l -> l.startsWith("strategy twin:")).findFirst()
                    .orElseThrow();
            assertTrue(line.contains("explicit") && line.contains("replaces discovered " + TwinStrategyOne.class.getName()),
                    line);
            assertTrue(!registry.describe().contains("DUPLICATE"), registry::describe);
            assertGoodProvidersFound(registry);
        }
    }

    @Test
    void anExplicitStrategyReplacesADiscoveredOneOfOursToo() {
        FixtureStrategy explicit = new FixtureStrategy() {
            @Override
            public String id() {
                return "dict";
            }
        };
        DeltaRegistry registry = DeltaRegistry.builder().discover(getClass().getClassLoader()).strategy(explicit).build();
        assertSame(explicit, registry.strategy("dict"));
        assertTrue(registry.describe().contains("replaces discovered io.deltachain.strategy.dict.DictStrategy"),
                registry::describe);
    }

    @Test
    void twoExplicitStrategiesWithOneIdAreRefusedNamingBoth() {
        DeltaRegistry.Builder builder = DeltaRegistry.builder().strategy(new TwinStrategyOne()).strategy(new TwinStrategyTwo());
        DuplicateProviderException e = assertThrows(DuplicateProviderException.class, builder::build);
        assertTrue(e.getMessage().contains(TwinStrategyOne.class.getName())
                && e.getMessage().contains(TwinStrategyTwo.class.getName()), e.getMessage());
    }

    @Test
    void aBuilderWithoutDiscoveryHoldsOnlyTheBuiltInsAndWhatItWasGiven() {
        DeltaRegistry registry = DeltaRegistry.builder().strategy(new TwinStrategyOne()).build();
        assertEquals(Set.of("twin"), registry.strategyIds());
        assertEquals(Set.of("identity"), registry.codecIds());
        assertEquals(Set.of("bytes", "utf8-text"), registry.stateFormatIds());
        String message = assertThrows(UnknownStrategyException.class, () -> registry.strategy("dict")).getMessage();
        assertTrue(message.contains("Available: twin") && message.contains("io.deltachain:delta-strategy-dict"), message);
    }

    private static void assertGoodProvidersFound(DeltaRegistry registry) {
        assertTrue(registry.strategyIds().containsAll(Set.of("dict", "append-only")), registry::describe);
        assertTrue(registry.codecIds().containsAll(Set.of("gzip", "identity")), registry::describe);
        assertEquals(Set.of("bytes", "utf8-text", "json-map", "json-node"), registry.stateFormatIds(), registry::describe);
    }
}
