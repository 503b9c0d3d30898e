package io.deltachain.json.internal;

import com.fasterxml.jackson.core.Base64Variant;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import io.deltachain.api.CorruptDeltaException;
import io.deltachain.api.DeltaException;
import io.deltachain.api.InvalidStateException;
import io.deltachain.api.Limit;
import io.deltachain.api.LimitExceededException;
import io.deltachain.api.Limits;
import io.deltachain.spi.StateFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.zip.CRC32;

/**
 * A state format for the caller's own Java type (record, POJO, generic type), mapped by Jackson to a
 * tree and written as canonical JSON (see {@link io.deltachain.json.JsonFormats#of(Class)}).
 * Immutable and thread-safe.
 *
 * <p>Object to tree: Jackson serializes into a token buffer and reads a tree back without the
 * features that would turn a {@code double} into a {@code BigDecimal} through {@code Double.toString}
 * (JDK-dependent digits) or strip a {@code BigDecimal}'s scale (a copy keeps it); {@code byte[]}
 * becomes its base64 text as Jackson writes it in JSON. Bytes to object: {@link JsonReader} parses
 * within {@link Limits} (exact numbers), then Jackson maps the tree; every Jackson failure becomes a
 * {@link DeltaException} whose message is ours ({@link JacksonFailures}).
 *
 * @param <T> the state type
 */
public final class TypedJsonFormat<T> implements StateFormat<T> {
    /** What the id of every typed format starts with. */
    static final String ID_PREFIX = "json-";
    /** The longest id a record holds (docs/FORMAT.md). */
    private static final int MAX_ID_LENGTH = 64;
    /** A dash and eight hex digits. */
    private static final int HASH_SUFFIX_LENGTH = 9;

    /**
     * Jackson's defaults, and a null for a primitive is an error, not 0. {@code ACCEPT_FLOAT_AS_INT}
     * stays on: canonical JSON writes integers from 10^21 on with an exponent ({@code 1e+30}), which a
     * {@code BigInteger} member must still read.
     */
    private static final ObjectMapper DEFAULT_MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private final String id;
    private final String typeName;
    private final JavaType type;
    private final ObjectMapper mapper;
    private final ObjectWriter writer;
    private final ObjectReader treeReader;
    private final ObjectReader valueReader;
    private final Base64Variant base64;

    private TypedJsonFormat(JavaType type, ObjectMapper mapper) {
        this.type = type;
        this.typeName = nameOf(type);
        this.id = idOf(typeName);
        this.mapper = mapper;
        this.writer = mapper.writer().without(SerializationFeature.WRAP_ROOT_VALUE);
        this.treeReader = exact(mapper.reader());
        this.base64 = mapper.getSerializationConfig().getBase64Variant();
        this.valueReader = exact(mapper.readerFor(type)).without(DeserializationFeature.UNWRAP_ROOT_VALUE);
    }

    private static ObjectReader exact(ObjectReader reader) {
        return reader.without(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .without(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES);
    }

    /** @return the mapper typed formats use when the caller gives none */
    public static ObjectMapper defaultMapper() {
        return DEFAULT_MAPPER;
    }

    /**
     * @param type the state type, built by {@code mapper}'s type factory
     * @param mapper how to map it
     * @param <T> the state type
     * @return the format
     */
    public static <T> TypedJsonFormat<T> of(JavaType type, ObjectMapper mapper) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(mapper, "mapper");
        return new TypedJsonFormat<>(type, mapper);
    }

    /**
     * The type's name as the id is derived from it (docs/FORMAT.md): the raw class's binary name
     * ({@link Class#getName()}), then its type arguments in {@code <...>} separated by {@code ,}; an
     * array is its component's name followed by {@code []}.
     *
     * @param type a type
     * @return its name
     */
    static String nameOf(JavaType type) {
        if (type.isArrayType()) {
            return nameOf(type.getContentType()) + "[]";
        }
        StringBuilder name = new StringBuilder(type.getRawClass().getName());
        int arguments = type.containedTypeCount();
        if (arguments > 0) {
            name.append('<');
            for (int i = 0; i < arguments; i++) {
                name.append(i == 0 ? "" : ",").append(nameOf(type.containedType(i)));
            }
            name.append('>');
        }
        return name.toString();
    }

    /**
     * {@code json-}, then the type's name in lower case with every run of characters other than
     * {@code a-z} and {@code 0-9} written as one {@code -} (its end kept when too long), then {@code -} and
     * the CRC-32 of the name's UTF-8 bytes in eight lower-case hex digits: readable, distinct for distinct
     * names, and at most 64 characters of {@code [a-z0-9-]}, as records require.
     *
     * @param typeName a name from {@link #nameOf}
     * @return the format id
     */
    static String idOf(String typeName) {
        StringBuilder slug = new StringBuilder();
        for (char c : typeName.toLowerCase(Locale.ROOT).toCharArray()) {
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                slug.append(c);
            } else if (slug.length() > 0 && slug.charAt(slug.length() - 1) != '-') {
                slug.append('-');
            }
        }
        int room = MAX_ID_LENGTH - ID_PREFIX.length() - HASH_SUFFIX_LENGTH;
        String kept = slug.length() <= room ? slug.toString() : slug.substring(slug.length() - room);
        kept = kept.replaceAll("^-+|-+$", "");
        CRC32 crc = new CRC32();
        crc.update(typeName.getBytes(StandardCharsets.UTF_8));
        return ID_PREFIX + kept + (kept.isEmpty() ? "" : "-") + String.format(Locale.ROOT, "%08x", crc.getValue());
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Class<?> type() {
        return type.getRawClass();
    }

    @Override
    public byte[] toBytes(T state) {
        Objects.requireNonNull(state, "state");
        return CanonicalWriter.write(textualBinary(tree(state)));
    }

    @Override
    public T fromBytes(byte[] canonical, Limits limits) {
        Objects.requireNonNull(canonical, "canonical");
        Objects.requireNonNull(limits, "limits");
        JsonNode tree = JsonReader.parseNode(canonical, limits);
        return read(tree, "cannot read " + typeName + " from its canonical JSON", CorruptDeltaException::new);
    }

    @Override
    public T copy(T state) {
        Objects.requireNonNull(state, "state");
        return read(tree(state), typeName + " does not read back from the JSON Jackson writes for it",
                InvalidStateException::new);
    }

    private JsonNode tree(T state) {
        String what = "cannot write " + typeName + " as JSON";
        try {
            TokenBuffer buffer = new TokenBuffer(mapper, false);
            writer.writeValue(buffer, state);
            return treeReader.readTree(buffer.asParser());
        } catch (JsonMappingException e) {
            throw JacksonFailures.writing(what, e);
        } catch (StackOverflowError e) {
            throw new InvalidStateException(what + ": " + JacksonFailures.TOO_DEEP, e);
        } catch (IOException | RuntimeException e) {
            throw new InvalidStateException(what + ": " + JacksonFailures.describe(e), e);
        }
    }

    private T read(JsonNode tree, String what, BiFunction<String, Throwable, DeltaException> corrupt) {
        T value;
        try {
            value = valueReader.readValue(tree);
        } catch (JsonMappingException e) {
            throw JacksonFailures.reading(what, e, tree, corrupt);
        } catch (StackOverflowError e) {
            // Jackson maps recursively: a deeply nested tree can exhaust this thread's stack.
            throw new LimitExceededException(Limit.STACK, -1, -1, what + ": " + JacksonFailures.TOO_DEEP, e);
        } catch (IOException | RuntimeException e) {
            throw corrupt.apply(what + ": " + JacksonFailures.describe(e), e);
        }
        if (value == null) {
            throw corrupt.apply(what + ": the JSON is null", null);
        }
        return value;
    }

    @Override
    public String toString() {
        return id;
    }

    /**
     * Replaces every binary node (a {@code byte[]}) with its base64 text, as Jackson writes it in JSON
     * with the mapper's base64 variant and reads it back: canonical JSON has no binary values. Walks
     * iteratively (an explicit stack, never deep recursion).
     */
    private JsonNode textualBinary(JsonNode root) {
        if (root.isBinary()) {
            return text(root);
        }
        ArrayDeque<JsonNode> open = new ArrayDeque<>();
        open.push(root);
        while (!open.isEmpty()) {
            JsonNode container = open.pop();
            if (container instanceof ObjectNode object) {
                List<String> binary = new ArrayList<>();
                for (Map.Entry<String, JsonNode> member : object.properties()) {
                    if (member.getValue().isBinary()) {
                        binary.add(member.getKey());
                    } else if (member.getValue().isContainerNode()) {
                        open.push(member.getValue());
                    }
                }
                binary.forEach(name -> object.set(name, text(object.get(name))));
            } else if (container instanceof ArrayNode array) {
                for (int i = 0; i < array.size(); i++) {
                    JsonNode item = array.get(i);
                    if (item.isBinary()) {
                        array.set(i, text(item));
                    } else if (item.isContainerNode()) {
                        open.push(item);
                    }
                }
            }
        }
        return root;
    }

    private TextNode text(JsonNode binary) {
        return TextNode.valueOf(base64.encode(((BinaryNode) binary).binaryValue()));
    }
}
