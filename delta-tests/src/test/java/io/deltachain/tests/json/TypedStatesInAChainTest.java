package io.deltachain.tests.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltachain.api.DeltaRegistry;
import io.deltachain.api.IncompatibleStateFormatException;
import io.deltachain.api.UnknownStateFormatException;
import io.deltachain.core.ChainVerification;
import io.deltachain.core.DeltaChain;
import io.deltachain.core.DeltaRecord;
import io.deltachain.core.Deltas;
import io.deltachain.core.DirectoryChainStore;
import io.deltachain.json.JsonFormats;
import io.deltachain.spi.DeltaStrategy;
import io.deltachain.spi.StateFormat;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The user's own records and POJOs as chain states through {@code JsonFormats.of}: every version
 * round-trips through the byte strategies, the history never shares objects with the caller, a stored
 * chain reopens with its typed format and never as another type, and {@code dict} says clearly that it
 * serves {@code json-map} only.
 */
class TypedStatesInAChainTest {
    record Line(String sku, int quantity, BigDecimal price) {
    }

    record Order(String id, List<Line> lines, Map<String, List<String>> tags, String note) {
    }

    record Customer(String name) {
    }

    /** A mutable POJO, as many applications have them. */
    public static final class Basket {
        private String owner;
        private List<String> items = new ArrayList<>();

        public String getOwner() {
            return owner;
        }

        public void setOwner(String owner) {
            this.owner = owner;
        }

        public List<String> getItems() {
            return items;
        }

        public void setItems(List<String> items) {
            this.items = items;
        }
    }

    private static final StateFormat<Order> ORDERS = JsonFormats.of(Order.class);

    /** Lines added, a price changed to one with many digits, tags and a note set and cleared, nulls in lists. */
    private static List<Order> history() {
        Map<String, List<String>> tags = new LinkedHashMap<>();
        tags.put("rush", List.of("yes"));
        tags.put("gift", null);
        BigDecimal exact = new BigDecimal("12345678901234567890.12345678901234567891");
        return List.of(
                new Order("o-1", List.of(), Map.of(), null),
                new Order("o-1", List.of(new Line("A", 1, new BigDecimal("19.99"))), Map.of(), null),
                new Order("o-1", List.of(new Line("A", 2, new BigDecimal("19.99")), new Line("B", 1, exact)), tags,
                        "ring twice"),
                new Order("o-1", Arrays.asList(new Line("B", 1, exact), null), tags, null),
                new Order("o-1", Arrays.asList(new Line("B", 1, exact), null), tags, null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bsdiff", "auto", "none"})
    void aRecordHistoryRoundTripsEveryVersion(String strategy) {
        DeltaChain<Order> chain = DeltaChain.builder(ORDERS).compressor(Deltas.compressor(strategy, ORDERS)).build();
        List<Order> history = history();
        history.forEach(chain::add);

        assertEquals(history.size(), chain.length());
        for (int i = 0; i < history.size(); i++) {
            assertEquals(history.get(i), chain.stateAt(i), "version " + i);
        }
        assertEquals(0, history.get(2).lines().get(1).price().compareTo(chain.stateAt(2).lines().get(1).price()));
        assertEquals("12345678901234567890.12345678901234567891",
                chain.stateAt(3).lines().get(0).price().toPlainString(), "every digit, never via double");
        for (int i = 1; i < history.size(); i++) {
            DeltaRecord record = chain.deltaAt(i).orElseThrow();
            assertEquals(ORDERS.id(), record.stateFormatId());
            assertTrue(List.of("bsdiff", "none", "append-only", "zstd-patch").contains(record.strategyId()), record::toString);
        }
        ChainVerification verification = chain.verify();
        assertTrue(verification.ok(), verification::toString);
    }

    @Test
    void aPojoHistoryNeverSharesObjectsWithTheCaller() {
        DeltaChain<Basket> chain = DeltaChain.builder(JsonFormats.of(Basket.class))
                .compressor(Deltas.compressor("bsdiff", JsonFormats.of(Basket.class))).build();
        Basket basket = new Basket();
        basket.setOwner("ann");
        basket.getItems().add("apple");
        chain.add(basket);

        basket.getItems().add("pear");
        basket.setOwner("bob");
        assertEquals(List.of("apple"), chain.stateAt(0).getItems(), "mutating after add leaves history alone");
        assertEquals("ann", chain.current().orElseThrow().getOwner());

        chain.add(basket);
        Basket handedOut = chain.stateAt(0);
        handedOut.getItems().add("plum");
        chain.current().orElseThrow().getItems().clear();
        assertEquals(List.of("apple"), chain.stateAt(0).getItems(), "mutating a state handed out leaves history alone");
        assertEquals(List.of("apple", "pear"), chain.stateAt(1).getItems());
        assertEquals(List.of("apple", "pear"), chain.current().orElseThrow().getItems());
        assertNotSame(chain.current().orElseThrow(), chain.current().orElseThrow());
    }

    @Test
    void aStoredChainReopensWithItsTypedFormatAndNeverAsAnotherType(@TempDir Path dir) {
        DeltaChain<Order> written = DeltaChain.builder(ORDERS).compressor(Deltas.compressor("bsdiff", ORDERS)).store(new DirectoryChainStore(dir))
                .build();
        List<Order> history = history();
        history.forEach(written::add);
        DeltaRegistry registry = DeltaRegistry.load();

        DeltaChain<Order> reopened = DeltaChain.open(new DirectoryChainStore(dir), registry, JsonFormats.of(Order.class));
        assertEquals(history.size(), reopened.length());
        for (int i = 0; i < history.size(); i++) {
            assertEquals(history.get(i), reopened.stateAt(i), "version " + i);
        }
        reopened.add(new Order("o-1", List.of(), Map.of(), "emptied"));
        assertEquals("emptied", reopened.current().orElseThrow().note());

        IncompatibleStateFormatException otherType = assertThrows(IncompatibleStateFormatException.class,
                () -> DeltaChain.open(new DirectoryChainStore(dir), registry, JsonFormats.of(Customer.class)));
        assertTrue(otherType.getMessage().contains(ORDERS.id()) && otherType.getMessage().contains(
                JsonFormats.of(Customer.class).id()), otherType::getMessage);
        assertThrows(IncompatibleStateFormatException.class,
                () -> DeltaChain.open(new DirectoryChainStore(dir), registry, JsonFormats.map()));

        // Typed formats are not discovered: the untyped open finds the id only when the format is registered.
        UnknownStateFormatException unknown = assertThrows(UnknownStateFormatException.class,
                () -> DeltaChain.open(new DirectoryChainStore(dir), registry));
        assertTrue(unknown.getMessage().contains(ORDERS.id()), unknown::getMessage);
        DeltaRegistry withOrders = DeltaRegistry.builder().discover(getClass().getClassLoader()).stateFormat(ORDERS).build();
        DeltaChain<?> untyped = DeltaChain.open(new DirectoryChainStore(dir), withOrders);
        assertEquals(ORDERS.id(), untyped.stateFormat().id());
        assertEquals(history.get(2), untyped.stateAt(2));
    }

    @Test
    void dictServesJsonMapsOnlyAndSaysSo() {
        DeltaRegistry registry = DeltaRegistry.load();
        IncompatibleStateFormatException e = assertThrows(IncompatibleStateFormatException.class,
                () -> registry.strategy("dict", ORDERS));
        assertTrue(e.getMessage().contains("strategy 'dict' works on json-map, not " + ORDERS.id()), e::getMessage);
        assertThrows(IncompatibleStateFormatException.class,
                () -> DeltaChain.builder(ORDERS).compressor(Deltas.compressor("dict", ORDERS)).build().add(history().get(0)));

        List<String> serving = registry.strategiesFor(ORDERS).stream().map(DeltaStrategy::id).toList();
        assertTrue(serving.contains("bsdiff"), serving::toString);
        assertFalse(serving.contains("dict"), serving::toString);
    }
}
