package io.deltachain.json.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.deltachain.api.InvalidStateException;
import io.deltachain.api.Limit;
import io.deltachain.api.LimitExceededException;
import io.deltachain.api.Limits;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Equality and deep copies by JSON semantics (see {@link io.deltachain.json.JsonValues}). Stateless. */
public final class JsonSemantics {
    private JsonSemantics() {
    }

    /**
     * @param a a JSON value
     * @param b a JSON value
     * @return whether their canonical bytes are equal
     * @throws InvalidStateException when either cannot be represented
     */
    public static boolean equal(Object a, Object b) {
        if (a == b && (a == null || a instanceof Boolean)) {
            return true;
        }
        return Arrays.equals(CanonicalWriter.write(a), CanonicalWriter.write(b));
    }

    /**
     * Copies maps into {@code LinkedHashMap}s, collections and object arrays into
     * {@code ArrayList}s, atomic integers into new atomics and {@code JsonNode}s with
     * {@link JsonNode#deepCopy()}; shares strings, other numbers and booleans. Checks the value as
     * {@link CanonicalWriter#write} would (types, map keys, NaN, lone surrogates, depth).
     *
     * @param value a JSON value
     * @return a deep copy
     * @throws InvalidStateException when a value cannot be represented
     */
    public static Object deepCopy(Object value) {
        return copy(value, new JsonPath());
    }

    /** Copies iteratively (an explicit stack of open containers, never deep recursion). */
    private static Object copy(Object root, JsonPath path) {
        ArrayDeque<Frame> open = new ArrayDeque<>();
        Object copy = open(root, path, open);
        while (!open.isEmpty()) {
            Frame top = open.peek();
            if (top.items.hasNext()) {
                Object item = top.items.next();
                int depthBefore = open.size();
                if (top.map != null) {
                    Map.Entry<?, ?> e = (Map.Entry<?, ?>) item;
                    if (!(e.getKey() instanceof String name)) {
                        Object key = e.getKey();
                        throw new InvalidStateException("map key " + (key == null ? "null" : "of type "
                                + key.getClass().getName()) + " " + path.where()
                                + " is not a String; JSON member names must be Strings");
                    }
                    path.pushName(name);
                    CanonicalWriter.checkString(name, true, path);
                    if (top.map.containsKey(name)) {
                        throw new InvalidStateException("duplicate member name " + path.where()
                                + " (a map with identity keys?)");
                    }
                    top.map.put(name, open(e.getValue(), path, open));
                } else {
                    path.pushIndex(top.index++);
                    top.list.add(open(item, path, open));
                }
                if (open.size() == depthBefore) {
                    path.pop(); // a leaf: done with its segment
                }
            } else {
                open.pop();
                if (!open.isEmpty()) {
                    path.pop(); // the segment of the container just finished
                }
            }
        }
        return copy;
    }

    /** Copies a leaf, or creates an empty container and pushes its frame. */
    private static Object open(Object v, JsonPath path, ArrayDeque<Frame> open) {
        if (v == null || v instanceof Boolean) {
            return v;
        }
        if (v instanceof String s) {
            CanonicalWriter.checkString(s, false, path);
            return s;
        }
        if (v instanceof Number n) {
            CanonicalWriter.checkNumber(n, path);
            if (n instanceof AtomicInteger a) {
                return new AtomicInteger(a.get());
            }
            if (n instanceof AtomicLong a) {
                return new AtomicLong(a.get());
            }
            return n;
        }
        if (v instanceof Map<?, ?> map) {
            enter(path);
            Map<String, Object> copy = new LinkedHashMap<>(capacity(map.size()));
            open.push(new Frame(map.entrySet().iterator(), copy, null));
            return copy;
        }
        if (v instanceof Collection<?> c) {
            enter(path);
            List<Object> copy = new ArrayList<>(c.size());
            open.push(new Frame(c.iterator(), null, copy));
            return copy;
        }
        if (v instanceof Object[] a) {
            enter(path);
            List<Object> copy = new ArrayList<>(a.length);
            open.push(new Frame(Arrays.asList(a).iterator(), null, copy));
            return copy;
        }
        if (v instanceof JsonNode node) {
            CanonicalWriter.validate(node, path);
            return node.deepCopy();
        }
        throw CanonicalWriter.unsupported(v, path);
    }

    /** A container being copied: the source's remaining items and the copy being filled. */
    private static final class Frame {
        final Iterator<?> items;
        final Map<String, Object> map;
        final List<Object> list;
        int index;

        Frame(Iterator<?> items, Map<String, Object> map, List<Object> list) {
            this.items = items;
            this.map = map;
            this.list = list;
        }
    }

    private static void enter(JsonPath path) {
        if (path.depth() >= CanonicalWriter.MAX_DEPTH) {
            throw new InvalidStateException("JSON nesting deeper than " + CanonicalWriter.MAX_DEPTH + " levels "
                    + path.where() + " (does a map or list contain itself?)");
        }
    }

    /**
     * @param value a JSON value
     * @param enclosing the containers that will hold it
     * @param limits the bound on nesting
     * @param where what and where, for the message
     * @throws LimitExceededException when {@code enclosing} + the value's depth passes the bound
     */
    public static void checkDepth(Object value, int enclosing, Limits limits, String where) {
        long allowed = (long) limits.maxJsonDepth() - enclosing;
        ArrayDeque<Object> values = new ArrayDeque<>();
        ArrayDeque<Integer> levels = new ArrayDeque<>();
        values.push(value == null ? NullNode.getInstance() : value);
        levels.push(1);
        while (!values.isEmpty()) {
            Object v = values.pop();
            int level = levels.pop();
            Iterator<?> children = children(v);
            if (children == null) {
                continue;
            }
            if (level > allowed) {
                throw new LimitExceededException(Limit.JSON_DEPTH, enclosing + (long) level, limits.maxJsonDepth(),
                        where + " would nest deeper than " + limits.maxJsonDepth() + " levels (Limits.maxJsonDepth)");
            }
            while (children.hasNext()) {
                Object child = children.next();
                if (child != null && children(child) != null) {
                    values.push(child);
                    levels.push(level + 1);
                }
            }
        }
    }

    /** @return the children of a container, or null for a scalar */
    private static Iterator<?> children(Object v) {
        if (v instanceof Map<?, ?> map) {
            return map.values().iterator();
        }
        if (v instanceof Collection<?> c) {
            return c.iterator();
        }
        if (v instanceof Object[] a) {
            return Arrays.asList(a).iterator();
        }
        if (v instanceof JsonNode node && node.isContainerNode()) {
            return node.elements();
        }
        return null;
    }

    private static int capacity(int size) {
        return size < (1 << 29) ? (int) (size / 0.75f) + 1 : Integer.MAX_VALUE;
    }
}
