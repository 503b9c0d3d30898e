package io.deltachain.json.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.deltachain.api.CorruptDeltaException;
import io.deltachain.api.DeltaException;
import io.deltachain.api.Limit;
import io.deltachain.api.LimitExceededException;
import io.deltachain.api.Limits;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parses possibly hostile JSON text with Jackson's streaming parser, iteratively (no recursion, so
 * any {@link Limits#maxJsonDepth()} is safe). Numbers are read from their literal text: integer
 * literals become {@code Integer}, {@code Long} or {@code BigInteger}, others {@code BigDecimal};
 * never {@code double}. Every failure is a {@link DeltaException}:
 * {@link CorruptDeltaException} (malformed JSON, invalid UTF-8, lone surrogates, duplicate member
 * names, trailing data; the message names the byte offset) or {@link LimitExceededException}.
 */
public final class JsonReader {
    private static final JsonFactory DEFAULT_FACTORY = factory(Limits.defaults());

    private final Limits limits;

    private JsonReader(Limits limits) {
        this.limits = limits;
    }

    /**
     * @param json UTF-8 JSON text
     * @param limits bounds
     * @return plain Java values: {@code LinkedHashMap}, {@code ArrayList}, {@code String},
     *     {@code Boolean}, {@code null}, {@code Integer}/{@code Long}/{@code BigInteger},
     *     {@code BigDecimal}
     */
    public static Object parse(byte[] json, Limits limits) {
        return new JsonReader(limits).read(json, JAVA);
    }

    /**
     * @param json UTF-8 JSON text whose top-level value must be an object
     * @param limits bounds
     * @return the object
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> parseObject(byte[] json, Limits limits) {
        Object value = parse(json, limits);
        if (!(value instanceof Map)) {
            throw new CorruptDeltaException("expected a JSON object at byte offset 0, found " + kind(value));
        }
        return (Map<String, Object>) value;
    }

    /**
     * @param json UTF-8 JSON text
     * @param limits bounds
     * @return the value as Jackson nodes; numbers as {@code IntNode}, {@code LongNode},
     *     {@code BigIntegerNode} or {@code DecimalNode} (exact)
     */
    public static JsonNode parseNode(byte[] json, Limits limits) {
        return (JsonNode) new JsonReader(limits).read(json, NODES);
    }

    /**
     * Reads a JSON array element by element, handing each to {@code each} as soon as it is read, so that
     * the caller need not hold the whole array's tree (an RFC 6902 patch of a million operations).
     * The array counts as one level of {@link Limits#maxJsonDepth()}, as in {@link #parseNode}.
     *
     * @param json UTF-8 JSON text whose top-level value must be an array
     * @param limits bounds
     * @param each called with each element's index and value, in order
     * @throws CorruptDeltaException when the text is not JSON, or not an array (naming the offset)
     */
    public static void parseNodeElements(byte[] json, Limits limits, ElementConsumer each) {
        new JsonReader(limits).readElements(json, each);
    }

    /** Receives the elements of {@link #parseNodeElements}. */
    @FunctionalInterface
    public interface ElementConsumer {
        /**
         * @param index the element's position in the array, from 0
         * @param element its value
         */
        void accept(int index, JsonNode element);
    }

    private void readElements(byte[] json, ElementConsumer each) {
        parsing(json, parser -> {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_ARRAY) {
                throw new CorruptDeltaException("expected a JSON array at byte offset 0, found "
                        + (first == null ? "no JSON value (empty input)" : first.asString() == null
                        ? first.toString() : "'" + first.asString() + "'"));
            }
            int index = 0;
            while (true) {
                JsonToken next = parser.nextToken();
                if (next == JsonToken.END_ARRAY) {
                    return null;
                }
                if (next == null) {
                    throw new CorruptDeltaException("the JSON array is not closed at byte offset "
                            + offset(parser.currentLocation()));
                }
                // one level for the array itself: its elements nest one less than a document may
                each.accept(index++, (JsonNode) readValueFrom(parser, next, NODES, 1));
            }
        });
    }

    private static String kind(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof List) {
            return "an array";
        }
        if (value instanceof String) {
            return "a string";
        }
        if (value instanceof Boolean) {
            return "a boolean";
        }
        return "a number";
    }

    private static JsonFactory factory(Limits limits) {
        StreamReadConstraints constraints = StreamReadConstraints.builder()
                .maxNestingDepth(limits.maxJsonDepth())
                .maxNumberLength(limits.maxNumberLength())
                // Strings and names are bounded by the input, itself bounded by maxStateBytes.
                .maxStringLength(Integer.MAX_VALUE)
                .maxNameLength(Integer.MAX_VALUE)
                .maxDocumentLength(-1)
                .build();
        return JsonFactory.builder()
                .streamReadConstraints(constraints)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                // Canonicalisation stays on: without it Jackson reads bytes through a Reader and
                // reports char offsets instead of byte offsets. Interning hostile names is not wanted.
                .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
                // Names chosen to share one hash fill the name table's overflow: Jackson would refuse the
                // document (what a patch wrote could then not be read back); growing the table instead
                // costs time bounded by the names, which are bounded by the input.
                .disable(JsonFactory.Feature.FAIL_ON_SYMBOL_HASH_OVERFLOW)
                .build();
    }

    private Object read(byte[] json, Builder builder) {
        return parsing(json, parser -> readValue(parser, builder));
    }

    /** What {@link #parsing} runs: reads the JSON from the parser, up to the end of its top-level value. */
    private interface Body {
        Object read(JsonParser parser) throws IOException;
    }

    /**
     * Checks the text's size and UTF-8, runs {@code body} over a parser bound by the limits, refuses data
     * after the top-level value, and turns every failure into a {@link DeltaException} naming the offset.
     */
    private Object parsing(byte[] json, Body body) {
        limits.checkStateSize(json.length, "JSON text");
        Utf8.validate(json);
        JsonFactory factory = limits.equals(Limits.defaults()) ? DEFAULT_FACTORY : factory(limits);
        try (JsonParser parser = factory.createParser(json)) {
            try {
                Object value = body.read(parser);
                JsonToken trailing = parser.nextToken();
                if (trailing != null) {
                    throw new CorruptDeltaException("unexpected data after the JSON value at byte offset "
                            + offset(parser.currentTokenLocation()) + " (" + trailing.asString() + "...)");
                }
                return value;
            } catch (StreamConstraintsException e) {
                throw constraint(e, offset(parser.currentLocation()));
            }
        } catch (DeltaException e) {
            throw e;
        } catch (JsonProcessingException e) {
            String message = JacksonFailures.readable(e);
            if (message.startsWith("Duplicate")) {
                throw new CorruptDeltaException("duplicate member name at byte offset " + offset(e.getLocation())
                        + ": " + message, e);
            }
            throw new CorruptDeltaException("malformed JSON at byte offset " + offset(e.getLocation()) + ": "
                    + message, e);
        } catch (IOException | RuntimeException e) {
            throw new CorruptDeltaException("cannot parse JSON: " + JacksonFailures.describe(e), e);
        }
    }

    /**
     * Jackson's own bounds (set to ours) in our words: which limit, where, and no Jackson class names.
     *
     * @param at the parser's byte offset when it stopped (the end of the token it refused, or near it)
     */
    private LimitExceededException constraint(StreamConstraintsException e, long at) {
        String jackson = String.valueOf(e.getOriginalMessage()).toLowerCase(Locale.ROOT);
        boolean depth = jackson.contains("depth");
        if (!depth && !jackson.contains("number")) {
            throw new CorruptDeltaException("JSON refused by the parser before byte offset " + at + ": "
                    + e.getOriginalMessage(), e);
        }
        if (depth) {
            return new LimitExceededException(Limit.JSON_DEPTH, limits.maxJsonDepth() + 1L, limits.maxJsonDepth(),
                    "JSON nesting deeper than " + limits.maxJsonDepth() + " levels before byte offset " + at
                    + " (Limits.maxJsonDepth)", e);
        }
        return new LimitExceededException(Limit.NUMBER_LENGTH, limits.maxNumberLength() + 1L, limits.maxNumberLength(),
                "number literal longer than " + limits.maxNumberLength() + " characters before byte offset " + at
                + " (Limits.maxNumberLength)", e);
    }

    private static long offset(JsonLocation location) {
        return location == null ? -1 : location.getByteOffset();
    }

    private Object readValue(JsonParser parser, Builder builder) throws IOException {
        JsonToken token = parser.nextToken();
        if (token == null) {
            throw new CorruptDeltaException("no JSON value (empty input) at byte offset " + json0(parser));
        }
        return readValueFrom(parser, token, builder, 0);
    }

    /** Reads the value that starts at {@code token}, the parser's current token, inside {@code outer} containers. */
    private Object readValueFrom(JsonParser parser, JsonToken token, Builder builder, int outer) throws IOException {
        // Open containers, innermost last, and the member names awaiting their values.
        ArrayDeque<Object> containers = new ArrayDeque<>();
        ArrayDeque<String> names = new ArrayDeque<>();
        while (true) {
            Object value;
            switch (token) {
                case START_OBJECT, START_ARRAY -> {
                    if (containers.size() + outer >= limits.maxJsonDepth()) {
                        throw new LimitExceededException(Limit.JSON_DEPTH, containers.size() + outer + 1L,
                                limits.maxJsonDepth(), "JSON nesting deeper than " + limits.maxJsonDepth()
                                + " levels at byte offset " + offset(parser.currentTokenLocation())
                                + " (Limits.maxJsonDepth)");
                    }
                    containers.push(token == JsonToken.START_OBJECT ? builder.newObject() : builder.newArray());
                    token = parser.nextToken();
                    continue;
                }
                case FIELD_NAME -> {
                    String name = parser.currentName();
                    checkString(name, parser, "member name");
                    names.push(name);
                    token = parser.nextToken();
                    continue;
                }
                case END_OBJECT, END_ARRAY -> value = containers.pop();
                case VALUE_STRING -> {
                    String text = parser.getText();
                    checkString(text, parser, "string");
                    value = builder.text(text);
                }
                case VALUE_NUMBER_INT -> value = builder.integer(integer(parser));
                case VALUE_NUMBER_FLOAT -> value = builder.decimal(decimal(parser));
                case VALUE_TRUE -> value = builder.bool(true);
                case VALUE_FALSE -> value = builder.bool(false);
                case VALUE_NULL -> value = builder.nul();
                default -> throw new CorruptDeltaException("unexpected token " + token + " at byte offset "
                        + offset(parser.currentTokenLocation()));
            }
            if (containers.isEmpty()) {
                return value;
            }
            Object parent = containers.peek();
            if (builder.isObject(parent)) {
                String name = names.pop();
                if (!builder.put(parent, name, value)) {
                    throw new CorruptDeltaException("duplicate member name \"" + name + "\" before byte offset "
                            + offset(parser.currentTokenLocation()));
                }
            } else {
                builder.add(parent, value);
            }
            token = parser.nextToken();
        }
    }

    private static long json0(JsonParser parser) {
        return offset(parser.currentLocation());
    }

    private static void checkString(String s, JsonParser parser, String what) {
        int i = Utf8.firstLoneSurrogate(s);
        if (i >= 0) {
            throw new CorruptDeltaException(String.format("lone surrogate \\u%04x in the %s at byte offset %d;"
                    + " JSON strings must be valid Unicode", (int) s.charAt(i), what,
                    offset(parser.currentTokenLocation())));
        }
    }

    private void checkLength(JsonParser parser) throws IOException {
        int length = parser.getTextLength();
        if (length > limits.maxNumberLength()) {
            throw new LimitExceededException(Limit.NUMBER_LENGTH, length, limits.maxNumberLength(),
                    "number literal of " + length + " characters at byte offset "
                    + offset(parser.currentTokenLocation()) + " is longer than " + limits.maxNumberLength()
                    + " (Limits.maxNumberLength)");
        }
    }

    private Number integer(JsonParser parser) throws IOException {
        checkLength(parser);
        String text = parser.getText();
        try {
            if (text.length() <= 18) {
                long v = Long.parseLong(text);
                return v == (int) v ? (Number) (int) v : (Number) v;
            }
            BigInteger v = new BigInteger(text);
            if (v.bitLength() < 64) {
                return v.longValue();
            }
            JsonNumbers.checkReadsBack(v, text.length(), limits, offset(parser.currentTokenLocation()));
            return v;
        } catch (NumberFormatException e) {
            throw new CorruptDeltaException("malformed number \"" + text + "\" at byte offset "
                    + offset(parser.currentTokenLocation()), e);
        }
    }

    private BigDecimal decimal(JsonParser parser) throws IOException {
        checkLength(parser);
        String text = parser.getText();
        long at = offset(parser.currentTokenLocation());
        // The exponent of the value in scientific notation (d.ddd x 10^e), from the literal, before
        // BigDecimal sees it: "1e999999999" must be refused without any work proportional to it.
        int n = text.length();
        int i = 0;
        if (i < n && (text.charAt(i) == '-' || text.charAt(i) == '+')) {
            i++;
        }
        int intDigits = 0;
        int firstNonZero = -1; // index among mantissa digits
        int digitIndex = 0;
        boolean fraction = false;
        for (; i < n; i++) {
            char c = text.charAt(i);
            if (c == '.') {
                fraction = true;
            } else if (c == 'e' || c == 'E') {
                break;
            } else if (c >= '0' && c <= '9') {
                if (c != '0' && firstNonZero < 0) {
                    firstNonZero = digitIndex;
                }
                digitIndex++;
                if (!fraction) {
                    intDigits++;
                }
            } else {
                throw new CorruptDeltaException("malformed number \"" + text + "\" at byte offset " + at);
            }
        }
        long exponent = 0;
        if (i < n) {
            i++; // 'e'
            boolean negative = false;
            if (i < n && (text.charAt(i) == '-' || text.charAt(i) == '+')) {
                negative = text.charAt(i) == '-';
                i++;
            }
            for (; i < n; i++) {
                char c = text.charAt(i);
                if (c < '0' || c > '9') {
                    throw new CorruptDeltaException("malformed number \"" + text + "\" at byte offset " + at);
                }
                // Saturate well above any int: the bound check below only needs "too large".
                exponent = Math.min(exponent * 10 + (c - '0'), 1L << 40);
            }
            if (negative) {
                exponent = -exponent;
            }
        }
        long scientific = firstNonZero < 0 ? exponent : exponent + intDigits - 1 - firstNonZero;
        if (Math.abs(scientific) > limits.maxNumberExponent()) {
            throw new LimitExceededException(Limit.NUMBER_EXPONENT, Math.abs(scientific), limits.maxNumberExponent(),
                    "number at byte offset " + at + " has a decimal exponent of "
                    + (Math.abs(exponent) >= 1L << 40 ? "more than 2^40 in magnitude" : Long.toString(scientific))
                    + ", beyond " + limits.maxNumberExponent() + " (Limits.maxNumberExponent)");
        }
        BigDecimal value;
        try {
            value = new BigDecimal(text);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new LimitExceededException(Limit.NUMBER_EXPONENT, Math.abs(scientific), Integer.MAX_VALUE,
                    "number at byte offset " + at + " has an exponent outside the range of BigDecimal", e);
        }
        JsonNumbers.checkReadsBack(value, text.length(), limits, at);
        return value;
    }

    // ---- what values are built from tokens ------------------------------------------------------

    private interface Builder {
        Object newObject();

        Object newArray();

        boolean isObject(Object container);

        /** @return false when the name was already present */
        boolean put(Object object, String name, Object value);

        void add(Object array, Object value);

        Object text(String s);

        Object integer(Number n);

        Object decimal(BigDecimal d);

        Object bool(boolean b);

        Object nul();
    }

    private static final Builder JAVA = new Builder() {
        @Override
        public Object newObject() {
            return new LinkedHashMap<String, Object>();
        }

        @Override
        public Object newArray() {
            return new ArrayList<>();
        }

        @Override
        public boolean isObject(Object container) {
            return container instanceof Map;
        }

        @Override
        @SuppressWarnings("unchecked")
        public boolean put(Object object, String name, Object value) {
            Map<String, Object> map = (Map<String, Object>) object;
            if (map.containsKey(name)) {
                return false;
            }
            map.put(name, value);
            return true;
        }

        @Override
        @SuppressWarnings("unchecked")
        public void add(Object array, Object value) {
            ((List<Object>) array).add(value);
        }

        @Override
        public Object text(String s) {
            return s;
        }

        @Override
        public Object integer(Number n) {
            return n;
        }

        @Override
        public Object decimal(BigDecimal d) {
            return d;
        }

        @Override
        public Object bool(boolean b) {
            return b;
        }

        @Override
        public Object nul() {
            return null;
        }
    };

    private static final Builder NODES = new Builder() {
        @Override
        public Object newObject() {
            return JsonNodeFactory.instance.objectNode();
        }

        @Override
        public Object newArray() {
            return JsonNodeFactory.instance.arrayNode();
        }

        @Override
        public boolean isObject(Object container) {
            return container instanceof ObjectNode;
        }

        @Override
        public boolean put(Object object, String name, Object value) {
            return ((ObjectNode) object).replace(name, (JsonNode) value) == null;
        }

        @Override
        public void add(Object array, Object value) {
            ((ArrayNode) array).add((JsonNode) value);
        }

        @Override
        public Object text(String s) {
            return TextNode.valueOf(s);
        }

        @Override
        public Object integer(Number n) {
            if (n instanceof Integer i) {
                return IntNode.valueOf(i);
            }
            if (n instanceof Long l) {
                return LongNode.valueOf(l);
            }
            return BigIntegerNode.valueOf((BigInteger) n);
        }

        @Override
        public Object decimal(BigDecimal d) {
            return DecimalNode.valueOf(d);
        }

        @Override
        public Object bool(boolean b) {
            return BooleanNode.valueOf(b);
        }

        @Override
        public Object nul() {
            return NullNode.getInstance();
        }
    };
}
