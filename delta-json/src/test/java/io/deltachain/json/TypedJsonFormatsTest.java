package io.deltachain.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.deltachain.api.CorruptDeltaException;
import io.deltachain.api.DeltaException;
import io.deltachain.api.InvalidStateException;
import io.deltachain.api.LimitExceededException;
import io.deltachain.api.Limits;
import io.deltachain.spi.StateFormat;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class TypedJsonFormatsTest {
    private static final Limits DEFAULTS = Limits.defaults();

    record Line(String sku, int quantity, BigDecimal price) {
        Line {
            if (quantity < 0) {
                throw new IllegalArgumentException("quantity must not be negative");
            }
        }
    }

    record Order(String id, List<Line> lines, String note) {
    }

    record Nested(Map<String, List<Line>> bySku, List<List<Integer>> grid, List<String> names, Map<String, Object> extra) {
    }

    record Numbers(BigDecimal exact, long big, double ratio, float small, BigInteger huge, Object untyped) {
    }

    record Blob(byte[] data) {
    }

    record Event(String name, Instant at) {
    }

    record Tree(List<Tree> kids) {
    }

    /** A mutable POJO with public fields (delta-tests has one with getters and setters). */
    public static final class Cart {
        public String owner;
        public Map<String, List<String>> shelves = new LinkedHashMap<>();
    }

    /** Writes a property it cannot read back: a getter without a setter. */
    public static final class Computed {
        public int value = 2;

        public int getTwice() {
            return value * 2;
        }
    }

    /** Contains itself. */
    public static final class Loop {
        public Loop next;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    private static Order order() {
        return new Order("o-1", List.of(new Line("A", 2, new BigDecimal("12.5")), new Line("B", 1, new BigDecimal("3"))),
                null);
    }

    /** Our message, never Jackson's text (which says where in an unknown source, and may quote the data). */
    private static void assertOurMessage(DeltaException e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), () -> "the message should contain " + part + ": " + e.getMessage());
        }
        for (String jackson : List.of("Source:", "REDACTED", "UNKNOWN", "reference chain", "Cannot deserialize")) {
            assertFalse(e.getMessage().contains(jackson), () -> "Jackson's text leaked into: " + e.getMessage());
        }
    }

    @Test
    void theIdIsJsonAndTheTypeNameWithAHashOfIt() {
        assertEquals("json-io-deltachain-json-typedjsonformatstest-order-00293708", JsonFormats.of(Order.class).id());
        assertEquals("json-java-lang-string-7772dde3", JsonFormats.of(String.class).id());
        String generic = JsonFormats.of(new TypeReference<Map<String, List<Integer>>>() { }).id();
        // java.util.Map<java.lang.String,java.util.List<java.lang.Integer>>: too long, so its end is kept
        assertEquals("json-java-lang-string-java-util-list-java-lang-integer-650ffd78", generic);
        for (StateFormat<?> f : List.of(JsonFormats.of(Order.class), JsonFormats.of(Line.class),
                JsonFormats.of(new TypeReference<List<Line>>() { }), JsonFormats.of(Line[].class))) {
            assertTrue(f.id().matches("[a-z][a-z0-9-]{0,63}"), f.id());
        }
        assertNotEquals(JsonFormats.of(Order.class).id(), JsonFormats.of(Line.class).id());
        assertNotEquals(JsonFormats.of(new TypeReference<List<Line>>() { }).id(),
                JsonFormats.of(new TypeReference<List<Order>>() { }).id());
        assertEquals(JsonFormats.of(Order.class).id(), JsonFormats.of(Order.class, new ObjectMapper()).id(),
                "the id names the type, not the mapper");
        assertEquals(Order.class, JsonFormats.of(Order.class).type());
        assertEquals(List.class, JsonFormats.of(new TypeReference<List<Line>>() { }).type());
    }

    @Test
    void aRecordWritesCanonicalJsonAndReadsBack() {
        StateFormat<Order> f = JsonFormats.of(Order.class);
        byte[] bytes = f.toBytes(order());
        assertEquals("{\"id\":\"o-1\",\"lines\":[{\"price\":12.5,\"quantity\":2,\"sku\":\"A\"},"
                + "{\"price\":3,\"quantity\":1,\"sku\":\"B\"}],\"note\":null}", text(bytes));
        assertEquals(order(), f.fromBytes(bytes, DEFAULTS));
        assertArrayEquals(bytes, f.toBytes(f.fromBytes(bytes, DEFAULTS)));
        assertArrayEquals(bytes, CanonicalJson.write(CanonicalJson.parse(bytes, DEFAULTS)), "bytes are canonical");
    }

    @Test
    void aPojoRoundTripsAndItsCopySharesNothing() {
        StateFormat<Cart> f = JsonFormats.of(Cart.class);
        Cart cart = new Cart();
        cart.owner = "ann";
        cart.shelves.put("fruit", new ArrayList<>(List.of("apple")));
        byte[] bytes = f.toBytes(cart);
        assertEquals("{\"owner\":\"ann\",\"shelves\":{\"fruit\":[\"apple\"]}}", text(bytes));
        Cart back = f.fromBytes(bytes, DEFAULTS);
        assertEquals("ann", back.owner);
        assertEquals(Map.of("fruit", List.of("apple")), back.shelves);

        Cart copy = f.copy(cart);
        assertNotSame(cart, copy);
        assertNotSame(cart.shelves, copy.shelves);
        assertNotSame(cart.shelves.get("fruit"), copy.shelves.get("fruit"));
        cart.shelves.get("fruit").add("pear");
        cart.owner = "bob";
        assertArrayEquals(bytes, f.toBytes(copy), "mutating the original leaves the copy alone");
        copy.shelves.clear();
        assertEquals(List.of("apple", "pear"), cart.shelves.get("fruit"), "mutating the copy leaves the original alone");
    }

    @Test
    void nestedListsMapsAndNullsRoundTrip() {
        StateFormat<Nested> f = JsonFormats.of(Nested.class);
        Map<String, List<Line>> bySku = new LinkedHashMap<>();
        bySku.put("z", List.of(new Line("z", 1, BigDecimal.ONE)));
        bySku.put("a", new ArrayList<>());
        bySku.put("n", null);
        Map<String, Object> extra = new HashMap<>();
        extra.put("flag", true);
        extra.put("none", null);
        extra.put("list", Arrays.asList("x", null, 3));
        Nested state = new Nested(bySku, List.of(List.of(1, 2), List.of()), Arrays.asList("a", null), extra);
        byte[] bytes = f.toBytes(state);
        assertEquals("{\"bySku\":{\"a\":[],\"n\":null,\"z\":[{\"price\":1,\"quantity\":1,\"sku\":\"z\"}]},"
                + "\"extra\":{\"flag\":true,\"list\":[\"x\",null,3],\"none\":null},\"grid\":[[1,2],[]],"
                + "\"names\":[\"a\",null]}", text(bytes));
        Nested back = f.fromBytes(bytes, DEFAULTS);
        assertEquals(state, back);
        assertArrayEquals(bytes, f.toBytes(f.copy(state)));
        assertEquals(new Nested(null, null, null, null), f.fromBytes(utf8("{}"), DEFAULTS), "absent members are null");
    }

    @Test
    void numbersKeepTheirExactValue() {
        StateFormat<Numbers> f = JsonFormats.of(Numbers.class);
        BigDecimal exact = new BigDecimal("12345678901234567890.12345678901234567891");
        long big = (1L << 53) + 1;
        Numbers state = new Numbers(exact, big, 0.1, 0.1f, BigInteger.TEN.pow(30), new BigDecimal("1e400"));
        byte[] bytes = f.toBytes(state);
        assertEquals("{\"big\":9007199254740993,\"exact\":12345678901234567890.12345678901234567891,"
                + "\"huge\":1e+30,\"ratio\":0.1,\"small\":0.1,\"untyped\":1e+400}", text(bytes));
        Numbers back = f.fromBytes(bytes, DEFAULTS);
        assertEquals(exact, back.exact());
        assertEquals(big, back.big());
        assertEquals(0.1, back.ratio());
        assertEquals(0.1f, back.small());
        assertEquals(BigInteger.TEN.pow(30), back.huge());
        assertEquals(new BigDecimal("1e400"), back.untyped());

        assertEquals("1e+23", text(f.toBytes(new Numbers(null, 0, 1e23, 0, null, 1e23))).replaceAll(".*\"ratio\":([^,]*),.*", "$1"),
                "a double writes its shortest decimal, never Double.toString's digits");
        Numbers scaled = new Numbers(new BigDecimal("1.50"), 0, 0, 0, null, 2.5);
        assertEquals(new BigDecimal("1.50"), f.copy(scaled).exact(), "a copy keeps the scale");
        assertEquals(0, new BigDecimal("1.5").compareTo(f.fromBytes(f.toBytes(scaled), DEFAULTS).exact()),
                "bytes keep the value, not the scale");
        assertEquals(2.5, f.copy(scaled).untyped(), "an untyped double copies as a double");
        assertEquals(new BigDecimal("2.5"), f.fromBytes(f.toBytes(scaled), DEFAULTS).untyped(),
                "an untyped number reads back as json-map values do");
        assertThrows(InvalidStateException.class, () -> f.toBytes(new Numbers(null, 0, Double.NaN, 0, null, null)));
    }

    @Test
    void aMapperThatReadsFloatsAsBigDecimalsStillWritesTheShortestDecimal() {
        ObjectMapper mapper = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
        StateFormat<Numbers> f = JsonFormats.of(Numbers.class, mapper);
        Numbers state = new Numbers(null, 0, 1e23, 0.1f, null, 1e23);
        assertEquals("{\"big\":0,\"exact\":null,\"huge\":null,\"ratio\":1e+23,\"small\":0.1,\"untyped\":1e+23}",
                text(f.toBytes(state)));
        assertArrayEquals(f.toBytes(state), f.toBytes(f.copy(state)));
    }

    @Test
    void bytesAreBase64Text() {
        StateFormat<Blob> f = JsonFormats.of(Blob.class);
        byte[] bytes = f.toBytes(new Blob(new byte[] {1, 2, 3}));
        assertEquals("{\"data\":\"AQID\"}", text(bytes));
        assertArrayEquals(new byte[] {1, 2, 3}, f.fromBytes(bytes, DEFAULTS).data());
        assertArrayEquals(new byte[] {1, 2, 3}, f.copy(new Blob(new byte[] {1, 2, 3})).data());
        StateFormat<List<byte[]>> list = JsonFormats.of(new TypeReference<List<byte[]>>() { });
        assertEquals("[\"AQ==\"]", text(list.toBytes(List.of(new byte[] {1}))));
    }

    @Test
    void aGenericTypeNeedsATypeReference() {
        StateFormat<List<Line>> f = JsonFormats.of(new TypeReference<List<Line>>() { });
        List<Line> lines = List.of(new Line("A", 1, BigDecimal.TEN));
        byte[] bytes = f.toBytes(lines);
        assertEquals("[{\"price\":10,\"quantity\":1,\"sku\":\"A\"}]", text(bytes));
        assertEquals(lines, f.fromBytes(bytes, DEFAULTS));
        assertInstanceOf(Line.class, f.fromBytes(bytes, DEFAULTS).get(0));
    }

    @Test
    void jsonThatDoesNotFitTheTypeIsCorruptWithOurMessage() {
        StateFormat<Order> f = JsonFormats.of(Order.class);
        String type = Order.class.getName();
        CorruptDeltaException e = assertThrows(CorruptDeltaException.class, () -> f.fromBytes(
                utf8("{\"id\":\"o\",\"lines\":[{\"price\":1,\"quantity\":\"secret-many\",\"sku\":\"A\"}]}"), DEFAULTS));
        assertOurMessage(e, "cannot read " + type + " from its canonical JSON at /lines/0/quantity",
                "found a string where int was expected");
        assertFalse(e.getMessage().contains("secret-many"), "the data is not quoted");

        assertOurMessage(assertThrows(CorruptDeltaException.class, () -> f.fromBytes(
                utf8("{\"id\":\"o\",\"extra\":1}"), DEFAULTS)), "at /extra", type + " has no property of that name");
        assertOurMessage(assertThrows(CorruptDeltaException.class, () -> f.fromBytes(
                utf8("{\"lines\":[{\"quantity\":null}]}"), DEFAULTS)), "at /lines/0/quantity", "found null where int was expected");
        assertOurMessage(assertThrows(CorruptDeltaException.class, () -> f.fromBytes(
                utf8("{\"lines\":[{\"quantity\":1e+30}]}"), DEFAULTS)), "at /lines/0/quantity",
                "found a number with a fraction or exponent out of the range of int");
        assertOurMessage(assertThrows(CorruptDeltaException.class, () -> f.fromBytes(utf8("[1]"), DEFAULTS)),
                "at the root", "found an array where " + type + " was expected");
        assertOurMessage(assertThrows(CorruptDeltaException.class, () -> f.fromBytes(utf8("{\"lines\":{}}"), DEFAULTS)),
                "at /lines", "found an object where java.util.ArrayList was expected");
        assertOurMessage(assertThrows(CorruptDeltaException.class, () -> f.fromBytes(utf8("null"), DEFAULTS)),
                "the JSON is null");
        assertOurMessage(assertThrows(CorruptDeltaException.class, () -> f.fromBytes(
                utf8("{\"lines\":[{\"quantity\":-1}]}"), DEFAULTS)), "at /lines/0",
                "the constructor or factory of " + Line.class.getName() + " refused the values, because"
                        + " java.lang.IllegalArgumentException: quantity must not be negative");
        assertOurMessage(assertThrows(CorruptDeltaException.class, () -> f.fromBytes(utf8("{\"id\":"), DEFAULTS)),
                "malformed JSON at byte offset");
        assertThrows(CorruptDeltaException.class, () -> f.fromBytes(utf8("{\"id\":\"a\",\"id\":\"b\"}"), DEFAULTS),
                "duplicate members are refused before Jackson sees them");
        assertThrows(LimitExceededException.class, () -> f.fromBytes(utf8("{\"lines\":[[[[1]]]]}"),
                DEFAULTS.withMaxJsonDepth(3)));
    }

    @Test
    void aTypeJacksonCannotWriteIsAnInvalidStateWithAHint() {
        InvalidStateException time = assertThrows(InvalidStateException.class,
                () -> JsonFormats.of(Event.class).toBytes(new Event("launch", Instant.EPOCH)));
        assertOurMessage(time, "cannot write " + Event.class.getName() + " as JSON at /at",
                "Jackson cannot write java.time.Instant", "JsonFormats.of(type, mapper)", "jackson-datatype-jsr310");

        InvalidStateException computed = assertThrows(InvalidStateException.class,
                () -> JsonFormats.of(Computed.class).copy(new Computed()));
        assertOurMessage(computed, Computed.class.getName() + " does not read back from the JSON Jackson writes for it"
                + " at /twice", "has no property of that name that Jackson can set", "@JsonIgnore");

        Loop loop = new Loop();
        loop.next = loop;
        assertOurMessage(assertThrows(InvalidStateException.class, () -> JsonFormats.of(Loop.class).toBytes(loop)),
                "cannot write " + Loop.class.getName() + " as JSON at /next");
    }

    @Test
    void yourOwnMapperBringsItsModulesAndNaming() {
        SimpleModule instants = new SimpleModule().addSerializer(Instant.class, new JsonSerializer<>() {
            @Override
            public void serialize(Instant value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
                gen.writeString(value.toString());
            }
        }).addDeserializer(Instant.class, new JsonDeserializer<>() {
            @Override
            public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                return Instant.parse(p.getText());
            }
        });
        ObjectMapper mapper = JsonMapper.builder().addModule(instants)
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();
        record Launch(String rocketName, Instant at) {
        }
        StateFormat<Launch> f = JsonFormats.of(Launch.class, mapper);
        Launch launch = new Launch("Ariane", Instant.parse("2026-12-01T10:15:30Z"));
        byte[] bytes = f.toBytes(launch);
        assertEquals("{\"at\":\"2026-12-01T10:15:30Z\",\"rocket_name\":\"Ariane\"}", text(bytes));
        assertEquals(launch, f.fromBytes(bytes, DEFAULTS));
        assertEquals(launch, f.copy(launch));
    }

    @Test
    void deepNestingIsALimitNotAStackOverflow() throws InterruptedException {
        StringBuilder json = new StringBuilder();
        int levels = 450;
        json.append("{\"kids\":[".repeat(levels)).append("{\"kids\":[]}").append("]}".repeat(levels));
        byte[] bytes = utf8(json.toString());
        StateFormat<Tree> f = JsonFormats.of(Tree.class);
        // A small stack, so that Jackson's recursive mapping runs out of it within the default depth limit.
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread reader = new Thread(null, () -> {
            try {
                f.fromBytes(bytes, DEFAULTS);
            } catch (Throwable t) {
                thrown.set(t);
            }
        }, "small-stack", 128 * 1024);
        reader.start();
        reader.join();
        assertInstanceOf(LimitExceededException.class, thrown.get());
        assertOurMessage((DeltaException) thrown.get(), "cannot read " + Tree.class.getName(), "nested too deeply");
    }

    @Test
    void everyFailureIsADeltaException() {
        StateFormat<Order> f = JsonFormats.of(Order.class);
        byte[] good = f.toBytes(order());
        for (int i = 0; i < good.length; i++) {
            for (int b : new int[] {0, '"', '1', '{', 0xFF}) {
                byte[] bad = good.clone();
                bad[i] = (byte) b;
                Supplier<String> where = () -> "byte " + i(bad, good) + " of " + text(good);
                try {
                    f.fromBytes(bad, DEFAULTS);
                } catch (DeltaException expected) {
                    assertTrue(expected.getMessage() != null && !expected.getMessage().isEmpty(), where);
                } catch (RuntimeException e) {
                    throw new AssertionError("not a DeltaException at " + where.get(), e);
                }
            }
        }
    }

    private static int i(byte[] a, byte[] b) {
        return Arrays.mismatch(a, b);
    }
}
