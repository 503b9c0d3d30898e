package io.deltachain.json.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.deltachain.api.InvalidStateException;
import io.deltachain.api.Limit;
import io.deltachain.api.LimitExceededException;
import io.deltachain.api.Limits;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes canonical JSON (see {@link io.deltachain.json.CanonicalJson}). One instance per call; the
 * static entry point is thread-safe.
 *
 * <p>Nesting deeper than {@link #MAX_DEPTH} containers is refused, which also stops a map or list
 * that contains itself; {@link #write(Object, Limits)} bounds the depth and the numbers by the
 * caller's limits instead, so that what it writes reads back under them.
 */
public final class CanonicalWriter {
    /** The deepest nesting written: the default {@link Limits#maxJsonDepth()}. */
    static final int MAX_DEPTH = Limits.DEFAULT_MAX_JSON_DEPTH;

    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    /** The largest array the JVM reliably allocates. */
    private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    private final JsonPath path;
    /** The bounds the output must read back under, or null for {@link #MAX_DEPTH} alone. */
    private final Limits limits;
    private byte[] buf = new byte[256];
    private int len;

    private CanonicalWriter(JsonPath path, Limits limits) {
        this.path = path;
        this.limits = limits;
    }

    /**
     * @param value a JSON value as described in {@link io.deltachain.json.CanonicalJson}
     * @return its canonical UTF-8 bytes
     * @throws InvalidStateException when a value cannot be represented
     */
    public static byte[] write(Object value) {
        CanonicalWriter writer = new CanonicalWriter(new JsonPath(), null);
        writer.value(value);
        return Arrays.copyOf(writer.buf, writer.len);
    }

    /**
     * Writes what reads back under {@code limits}: nesting at most {@link Limits#maxJsonDepth()} deep and
     * every number's canonical text within {@link Limits#maxNumberLength()} and
     * {@link Limits#maxNumberExponent()}, as {@link JsonReader} checks them.
     *
     * @param value a JSON value as described in {@link io.deltachain.json.CanonicalJson}
     * @param limits the bounds the bytes must read back under
     * @return its canonical UTF-8 bytes
     * @throws LimitExceededException naming {@link Limit#JSON_DEPTH}, {@link Limit#NUMBER_LENGTH} or
     *     {@link Limit#NUMBER_EXPONENT} and the JSON Pointer where it was passed
     * @throws InvalidStateException when a value cannot be represented
     */
    public static byte[] write(Object value, Limits limits) {
        CanonicalWriter writer = new CanonicalWriter(new JsonPath(), java.util.Objects.requireNonNull(limits, "limits"));
        writer.value(value);
        return Arrays.copyOf(writer.buf, writer.len);
    }

    /**
     * Checks that a value can be written, as if it stood at {@code path}.
     *
     * @param value a JSON value
     * @param path where it stands, for messages and the depth bound
     * @throws InvalidStateException when it cannot be represented
     */
    static void validate(Object value, JsonPath path) {
        new CanonicalWriter(path, null).value(value);
    }

    /** Writes a value iteratively (an explicit stack of open containers, never deep recursion). */
    private void value(Object root) {
        ArrayDeque<Frame> open = new ArrayDeque<>();
        Frame first = open(root);
        if (first != null) {
            open.push(first);
        }
        while (!open.isEmpty()) {
            Frame top = open.peek();
            if (top.hasNext()) {
                if (top.index > 0) {
                    put(',');
                }
                Object child = top.next();
                top.index++;
                Frame frame = open(child);
                if (frame != null) {
                    open.push(frame);
                } else {
                    path.pop();
                }
            } else {
                put(top.closer);
                open.pop();
                if (!open.isEmpty()) {
                    path.pop(); // the segment of the container just closed
                }
            }
        }
    }

    /**
     * Writes a scalar and returns null, or writes a container's opening bracket and returns its
     * frame.
     */
    private Frame open(Object v) {
        if (v == null) {
            ascii("null");
        } else if (v instanceof String s) {
            string(s, false);
        } else if (v instanceof Boolean b) {
            ascii(b ? "true" : "false");
        } else if (v instanceof Number n) {
            number(n);
        } else if (v instanceof Map<?, ?> m) {
            return object(m);
        } else if (v instanceof Collection<?> c) {
            return array(c.iterator());
        } else if (v instanceof Object[] a) {
            return array(Arrays.asList(a).iterator());
        } else if (v instanceof JsonNode node) {
            return node(node);
        } else {
            throw unsupported(v, path);
        }
        return null;
    }

    private Frame object(Map<?, ?> map) {
        enter();
        List<Member> members = new ArrayList<>(map.size());
        for (Map.Entry<?, ?> e : map.entrySet()) {
            Object key = e.getKey();
            if (!(key instanceof String name)) {
                throw new InvalidStateException("map key " + describe(key) + " " + path.where()
                        + " is not a String; JSON member names must be Strings");
            }
            members.add(new Member(name, e.getValue()));
        }
        return members(members);
    }

    private Frame members(List<Member> members) {
        members.sort((a, b) -> a.name.compareTo(b.name));
        put('{');
        return new Frame('}') {
            @Override
            boolean hasNext() {
                return index < members.size();
            }

            @Override
            Object next() {
                Member m = members.get(index);
                path.pushName(m.name);
                if (index > 0 && m.name.equals(members.get(index - 1).name)) {
                    throw new InvalidStateException("duplicate member name " + path.where()
                            + " (a map with identity keys?)");
                }
                string(m.name, true);
                put(':');
                return m.value;
            }
        };
    }

    private Frame array(Iterator<?> items) {
        enter();
        put('[');
        return new Frame(']') {
            @Override
            boolean hasNext() {
                return items.hasNext();
            }

            @Override
            Object next() {
                path.pushIndex(index);
                return items.next();
            }
        };
    }

    /** Writes a number, refusing one whose text would not read back under {@link #limits}. */
    private void number(Number n) {
        String text = numberText(n, path);
        if (limits != null) {
            if (text.length() > limits.maxNumberLength()) {
                throw new LimitExceededException(Limit.NUMBER_LENGTH, text.length(), limits.maxNumberLength(),
                        "the number " + path.where() + " is written canonically in " + text.length()
                        + " characters, more than " + limits.maxNumberLength() + " (Limits.maxNumberLength)");
            }
            int e = text.indexOf('e');
            long exponent = e < 0 ? 0 : Math.abs(Long.parseLong(text.substring(e + 1)));
            if (exponent > limits.maxNumberExponent()) {
                throw new LimitExceededException(Limit.NUMBER_EXPONENT, exponent, limits.maxNumberExponent(),
                        "the number " + path.where() + " is written canonically with the decimal exponent "
                        + exponent + ", beyond " + limits.maxNumberExponent() + " (Limits.maxNumberExponent)");
            }
        }
        ascii(text);
    }

    /**
     * Refuses a container that would be nested deeper than {@link #MAX_DEPTH}, or than the limits'
     * {@link Limits#maxJsonDepth()} when there are limits.
     */
    private void enter() {
        // The path has one segment per enclosing container.
        if (limits != null) {
            if (path.depth() >= limits.maxJsonDepth()) {
                throw new LimitExceededException(Limit.JSON_DEPTH, path.depth() + 1L, limits.maxJsonDepth(),
                        "JSON nesting deeper than " + limits.maxJsonDepth() + " levels " + path.where()
                        + " (Limits.maxJsonDepth)");
            }
            return;
        }
        if (path.depth() >= MAX_DEPTH) {
            throw new InvalidStateException("JSON nesting deeper than " + MAX_DEPTH + " levels "
                    + path.where() + " (does a map or list contain itself?)");
        }
    }

    private Frame node(JsonNode node) {
        switch (node.getNodeType()) {
            case OBJECT -> {
                enter();
                List<Member> members = new ArrayList<>(node.size());
                for (Map.Entry<String, JsonNode> e : node.properties()) {
                    members.add(new Member(e.getKey(), e.getValue()));
                }
                return members(members);
            }
            case ARRAY -> {
                return array(node.iterator());
            }
            case STRING -> string(node.textValue(), false);
            case NUMBER -> number(node.numberValue());
            case BOOLEAN -> ascii(node.booleanValue() ? "true" : "false");
            case NULL -> ascii("null");
            default -> throw new InvalidStateException("unsupported JsonNode of type " + node.getNodeType()
                    + " (" + node.getClass().getName() + ") " + path.where()
                    + "; use object, array, string, number, boolean or null nodes");
        }
        return null;
    }

    /** An open container: its remaining children and its closing bracket. */
    private abstract static class Frame {
        final char closer;
        int index;

        Frame(char closer) {
            this.closer = closer;
        }

        abstract boolean hasNext();

        /** Pushes the child's path segment (and writes its member name) and returns the child. */
        abstract Object next();
    }

    private record Member(String name, Object value) {
    }

    /**
     * @param n a number
     * @param path where it stands, for messages
     * @return its canonical text
     * @throws InvalidStateException for NaN, infinities and unsupported {@code Number} types
     */
    static String numberText(Number n, JsonPath path) {
        if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte
                || n instanceof AtomicInteger || n instanceof AtomicLong) {
            return JsonNumbers.layout(n.longValue());
        }
        if (n instanceof Double d) {
            double v = d;
            checkFinite(Double.isFinite(v), v, path);
            return JsonNumbers.layout(v);
        }
        if (n instanceof Float f) {
            float v = f;
            checkFinite(Float.isFinite(v), v, path);
            return JsonNumbers.layout(v);
        }
        if (n instanceof BigDecimal d) {
            try {
                return JsonNumbers.layout(d);
            } catch (ArithmeticException e) {
                throw new InvalidStateException("BigDecimal " + path.where() + " has an exponent out of range", e);
            }
        }
        if (n instanceof BigInteger i) {
            return JsonNumbers.layout(i);
        }
        throw unsupported(n, path);
    }

    /**
     * Checks a number without formatting it.
     *
     * @param n a number
     * @param path where it stands
     * @throws InvalidStateException as {@link #numberText}
     */
    static void checkNumber(Number n, JsonPath path) {
        if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte
                || n instanceof AtomicInteger || n instanceof AtomicLong || n instanceof BigInteger
                || n instanceof BigDecimal) {
            return;
        }
        if (n instanceof Double d) {
            checkFinite(Double.isFinite(d), d, path);
        } else if (n instanceof Float f) {
            checkFinite(Float.isFinite(f), f, path);
        } else {
            throw unsupported(n, path);
        }
    }

    private static void checkFinite(boolean finite, Number value, JsonPath path) {
        if (!finite) {
            throw new InvalidStateException(value + " " + path.where()
                    + " has no JSON representation; JSON numbers must be finite");
        }
    }

    static InvalidStateException unsupported(Object v, JsonPath path) {
        return new InvalidStateException("unsupported JSON value of type " + v.getClass().getName() + " "
                + path.where() + "; use Map, List, String, Number, Boolean or null");
    }

    private static String describe(Object key) {
        return key == null ? "null" : "of type " + key.getClass().getName();
    }

    /**
     * Checks that a string has no lone surrogate.
     *
     * @param s a string
     * @param isName whether it is a member name (the last path segment) rather than a value
     * @param path where it stands
     * @throws InvalidStateException naming the path and the index in the string
     */
    static void checkString(String s, boolean isName, JsonPath path) {
        int i = Utf8.firstLoneSurrogate(s);
        if (i >= 0) {
            throw loneSurrogate(s.charAt(i), i, isName, path);
        }
    }

    private static InvalidStateException loneSurrogate(char c, int index, boolean isName, JsonPath path) {
        return new InvalidStateException(String.format("lone surrogate U+%04X at index %d of the %s %s;"
                + " strings must be valid Unicode (UTF-16 surrogates only in pairs)", (int) c, index,
                isName ? "member name" : "string", path.where()));
    }

    // ---- output -------------------------------------------------------------------------------

    private void string(String s, boolean isName) {
        int n = s.length();
        ensure(2L + n);
        byte[] b = buf;
        int p = len;
        b[p++] = '"';
        for (int i = 0; i < n; i++) {
            if (p > b.length - 8) {
                // Room for the longest form of one char (6 bytes) and the closing quote.
                len = p;
                ensure(8L + (n - i));
                b = buf;
            }
            char c = s.charAt(i);
            if (c < 0x80) {
                if (c >= 0x20 && c != '"' && c != '\\') {
                    b[p++] = (byte) c;
                } else {
                    b[p++] = '\\';
                    switch (c) {
                        case '"' -> b[p++] = '"';
                        case '\\' -> b[p++] = '\\';
                        case '\b' -> b[p++] = 'b';
                        case '\t' -> b[p++] = 't';
                        case '\n' -> b[p++] = 'n';
                        case '\f' -> b[p++] = 'f';
                        case '\r' -> b[p++] = 'r';
                        default -> {
                            b[p++] = 'u';
                            b[p++] = '0';
                            b[p++] = '0';
                            b[p++] = HEX[c >> 4];
                            b[p++] = HEX[c & 0xF];
                        }
                    }
                }
            } else if (c < 0x800) {
                b[p++] = (byte) (0xC0 | (c >> 6));
                b[p++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isSurrogate(c)) {
                char next;
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(next = s.charAt(i + 1))) {
                    int cp = Character.toCodePoint(c, next);
                    b[p++] = (byte) (0xF0 | (cp >> 18));
                    b[p++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                    b[p++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                    b[p++] = (byte) (0x80 | (cp & 0x3F));
                    i++;
                } else {
                    throw loneSurrogate(c, i, isName, path);
                }
            } else {
                b[p++] = (byte) (0xE0 | (c >> 12));
                b[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                b[p++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        b[p++] = '"';
        len = p;
    }

    private void ascii(String s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            buf[len++] = (byte) s.charAt(i);
        }
    }

    private void put(char c) {
        ensure(1);
        buf[len++] = (byte) c;
    }

    private void ensure(long extra) {
        long needed = len + extra;
        if (needed <= buf.length) {
            return;
        }
        if (needed > MAX_ARRAY) {
            throw tooLarge();
        }
        long size = Math.max(needed, Math.min((long) buf.length * 2, MAX_ARRAY));
        buf = Arrays.copyOf(buf, (int) size);
    }

    private static LimitExceededException tooLarge() {
        return new LimitExceededException(Limit.ARRAY_SIZE, (long) MAX_ARRAY + 1, MAX_ARRAY,
                "canonical JSON would exceed " + MAX_ARRAY + " bytes, the largest Java array");
    }
}
