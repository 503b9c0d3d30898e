package io.deltachain.json;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deltachain.api.Limits;
import io.deltachain.json.internal.JsonMapFormat;
import io.deltachain.json.internal.JsonReader;
import io.deltachain.json.internal.JsonNodeFormat;
import io.deltachain.json.internal.TypedJsonFormat;
import io.deltachain.spi.StateFormat;
import java.util.Map;
import java.util.Objects;
import java.util.function.ObjIntConsumer;

/**
 * The JSON state formats: {@code json-map} ({@code Map<String,Object>} with JSON values),
 * {@code json-node} (Jackson {@link JsonNode}) and {@linkplain #of(Class) typed formats} for your own
 * records and POJOs. All use {@link CanonicalJson} as canonical bytes, so equal by JSON semantics ⇔
 * same canonical bytes ⇔ same hash. {@code json-map} and {@code json-node} are discovered through
 * {@code META-INF/services/io.deltachain.spi.StateFormat}; typed formats are not (they need a type).
 */
public final class JsonFormats {
    /** Id of {@link #map()}. */
    public static final String MAP_ID = "json-map";
    /** Id of {@link #node()}. */
    public static final String NODE_ID = "json-node";

    private JsonFormats() {
    }

    /** @return the {@code json-map} format; states read back as {@code LinkedHashMap}s */
    public static StateFormat<Map<String, Object>> map() {
        return JsonMapFormat.INSTANCE;
    }

    /**
     * Reads a JSON array one element at a time, as {@link #node()} reads a document (the same checks and
     * {@link Limits}, the array counting as one level of depth), handing each element on as soon as it is
     * read: a caller that turns the elements into something smaller (the operations of an RFC 6902 patch)
     * never holds the whole array's tree.
     *
     * @param json UTF-8 JSON text whose top-level value must be an array
     * @param limits bounds
     * @param each called with each element and its index, in order
     * @throws io.deltachain.api.CorruptDeltaException when the text is not JSON or not an array (naming the
     *     byte offset)
     * @throws io.deltachain.api.LimitExceededException when it is beyond the limits
     */
    public static void readElements(byte[] json, Limits limits, ObjIntConsumer<JsonNode> each) {
        Objects.requireNonNull(each, "each");
        JsonReader.parseNodeElements(Objects.requireNonNull(json, "json"), Objects.requireNonNull(limits, "limits"),
                (index, element) -> each.accept(element, index));
    }

    /** @return the {@code json-node} format; states read back as {@code ObjectNode}s (or any node) */
    public static StateFormat<JsonNode> node() {
        return JsonNodeFormat.INSTANCE;
    }

    /**
     * A state format for your own type, mapped through Jackson, so that a {@code DeltaChain<Order>}
     * needs no hand-written conversion:
     *
     * <pre>{@code
     * record Line(String sku, int quantity, BigDecimal price) {}
     * record Order(String id, List<Line> lines, String note) {}
     *
     * DeltaChain<Order> chain = DeltaChain.builder(JsonFormats.of(Order.class)).strategy("bsdiff").build();
     * }</pre>
     *
     * <p><b>Canonical bytes</b> are the canonical JSON of the tree Jackson makes of the object (members
     * sorted, numbers by exact value: a {@code double} writes its shortest decimal, a {@code BigDecimal}
     * every digit, a {@code long} above 2^53 every digit; {@code byte[]} as Jackson's base64 text).
     * Reading parses canonical JSON within {@link io.deltachain.api.Limits} as {@code json-map} does, then
     * maps the tree to the type; JSON that does not fit the type is a
     * {@link io.deltachain.api.CorruptDeltaException} naming the type and the JSON Pointer of the member
     * (a member the type does not have is an error, as is a null for a primitive). {@code copy} maps
     * the object to a tree and back, so a copy shares nothing with the original. A type Jackson cannot
     * write or read back (no usable constructor, a getter without a setter, an unsupported type) is an
     * {@link io.deltachain.api.InvalidStateException}.
     *
     * <p><b>Numbers keep their value, not their form</b>, as in all JSON formats: a {@code BigDecimal}
     * of {@code 1.50} reads back from bytes as {@code 1.5} (equal by {@code compareTo}, not by
     * {@code equals}), and members typed {@code Object} or {@code Map<String,Object>} read back as
     * {@code json-map} values do (integers as {@code Integer}, {@code Long} or {@code BigInteger}, other
     * numbers as {@code BigDecimal}). Compare states with {@link StateFormat#equivalent}.
     *
     * <p><b>Id</b>: {@code json-} and the type's name, e.g. {@code json-com-example-order-03286fe6} for
     * {@code com.example.Order} (the name in lower case, other characters as {@code -}, then a CRC-32 of
     * the exact name; the derivation is in {@code docs/FORMAT.md}). Records and manifests store it, so a
     * chain of one type is never read as another: reopening it with the format of a different type (or
     * with {@code json-map}) is an {@link io.deltachain.api.IncompatibleStateFormatException}. The bytes
     * are canonical JSON as {@code json-map}'s are, but the id is not {@code json-map}'s: the registry
     * matches strategies to formats by id, and would hand {@code dict}, a strategy on maps, an
     * {@code Order}. It follows that renaming or moving the class changes the id. The format is not
     * discovered, so reopen a chain with the typed {@code DeltaChain.open(store, registry, format)}, or
     * register the format with {@code DeltaRegistry.builder().stateFormat(format)} for the untyped open.
     * The id names the type, not the mapper: keep the mapper's configuration as stable as the chain.
     *
     * <p><b>Strategies</b>: strategies on bytes ({@code bsdiff}) serve it through its canonical bytes,
     * and {@code auto} picks among them. {@code dict} works on {@code json-map} states only:
     * {@code registry.strategy("dict", JsonFormats.of(Order.class))} throws
     * {@link io.deltachain.api.IncompatibleStateFormatException}.
     *
     * <p><b>Types</b>: records, POJOs with a no-argument constructor and setters (or a Jackson-annotated
     * creator), enums, collections, maps and any type Jackson's defaults handle. {@code java.time} and
     * {@code Optional} need Jackson modules that {@code delta-json} does not bring: register them on an
     * {@link ObjectMapper} and use {@link #of(Class, ObjectMapper)}. Thread-safe.
     *
     * @param type the state type
     * @param <T> the state type
     * @return a format for {@code type}, mapped by Jackson's defaults and {@code FAIL_ON_NULL_FOR_PRIMITIVES}
     */
    public static <T> StateFormat<T> of(Class<T> type) {
        return of(type, TypedJsonFormat.defaultMapper());
    }

    /**
     * As {@link #of(Class)}, for a generic type such as {@code List<Order>}:
     * {@code JsonFormats.of(new TypeReference<List<Order>>() {})}.
     *
     * @param type the state type
     * @param <T> the state type
     * @return a format for {@code type}
     */
    public static <T> StateFormat<T> of(TypeReference<T> type) {
        return of(type, TypedJsonFormat.defaultMapper());
    }

    /**
     * As {@link #of(Class)}, mapped by your own {@link ObjectMapper}: its modules, naming strategy,
     * annotations mix-ins and features apply (except {@code WRAP_ROOT_VALUE}, {@code UNWRAP_ROOT_VALUE},
     * {@code USE_BIG_DECIMAL_FOR_FLOATS} and {@code STRIP_TRAILING_BIGDECIMAL_ZEROES}, which the format
     * switches off: they would change the bytes or make them depend on the JDK). Keep
     * {@code ACCEPT_FLOAT_AS_INT} on (Jackson's default) if the type has {@code BigInteger} members:
     * canonical JSON writes integers from 10^21 on with an exponent ({@code 1e+30}). The mapper must not
     * be reconfigured afterwards.
     *
     * @param type the state type
     * @param mapper how to map it, e.g. with {@code JavaTimeModule} registered
     * @param <T> the state type
     * @return a format for {@code type}
     */
    public static <T> StateFormat<T> of(Class<T> type, ObjectMapper mapper) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(mapper, "mapper");
        return TypedJsonFormat.of(mapper.constructType(type), mapper);
    }

    /**
     * As {@link #of(Class, ObjectMapper)}, for a generic type.
     *
     * @param type the state type
     * @param mapper how to map it
     * @param <T> the state type
     * @return a format for {@code type}
     */
    public static <T> StateFormat<T> of(TypeReference<T> type, ObjectMapper mapper) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(mapper, "mapper");
        return TypedJsonFormat.of(mapper.getTypeFactory().constructType(type), mapper);
    }
}
