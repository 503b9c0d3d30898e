package io.deltachain.strategy.jsonpatch.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deltachain.json.CanonicalJson;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * JSON semantics on Jackson trees without writing them out: equality exactly when the canonical
 * bytes are equal, a 64-bit hash consistent with it, deep copies and a cheap size estimate.
 * Stateless.
 */
public final class Trees {
    /** An {@code ArrayNode}, its list and the list's array, empty: headers and fields, rounded up. */
    private static final long ARRAY_BYTES = 64;
    /** An {@code ObjectNode} and its {@link Members}, empty. */
    private static final long OBJECT_BYTES = 96;
    /** One element of an array: its slot, and the list's growth. */
    private static final long SLOT_BYTES = 6;
    /** One member of an object: a key slot and a value slot, and the arrays' growth. */
    private static final long MEMBER_BYTES = 12;

    private static final long NULL_HASH = 0x6a09e667f3bcc908L;
    private static final long TRUE_HASH = 0xbb67ae8584caa73bL;
    private static final long FALSE_HASH = 0x3c6ef372fe94f82bL;
    private static final long OBJECT_SEED = 0xa54ff53a5f1d36f1L;
    private static final long ARRAY_SEED = 0x510e527fade682d1L;
    private static final long STRING_SEED = 0x9b05688c2b3e6c1fL;
    private static final long NUMBER_SEED = 0x1f83d9abfb41bd6bL;

    private Trees() {
    }

    /**
     * @param a a JSON tree
     * @param b another
     * @return whether their canonical JSON is the same ({@code 1} equals {@code 1.0}; member order
     *     does not matter; a boolean never equals a number)
     */
    public static boolean equal(JsonNode a, JsonNode b) {
        if (a == b) {
            return true;
        }
        if (a.isNumber() && b.isNumber()) {
            return numbersEqual(a, b);
        }
        if (a.getNodeType() != b.getNodeType()) {
            return false;
        }
        switch (a.getNodeType()) {
            case STRING:
                return a.textValue().equals(b.textValue());
            case BOOLEAN:
                return a.booleanValue() == b.booleanValue();
            case NULL:
                return true;
            case ARRAY: {
                int n = a.size();
                if (n != b.size()) {
                    return false;
                }
                for (int i = 0; i < n; i++) {
                    if (!equal(a.get(i), b.get(i))) {
                        return false;
                    }
                }
                return true;
            }
            case OBJECT: {
                if (a.size() != b.size()) {
                    return false;
                }
                // Members usually come in the same order on both sides: walk both, and look a name up only
                // where the orders differ (equal sizes and unique names make the name sets the same).
                Iterator<Map.Entry<String, JsonNode>> others = b.properties().iterator();
                for (Map.Entry<String, JsonNode> e : a.properties()) {
                    Map.Entry<String, JsonNode> next = others.next();
                    JsonNode other = e.getKey().equals(next.getKey()) ? next.getValue() : b.get(e.getKey());
                    if (other == null || !equal(e.getValue(), other)) {
                        return false;
                    }
                }
                return true;
            }
            default:
                // Binary, POJO and missing nodes are not JSON values: compare what canonical JSON makes of them.
                return Arrays.equals(CanonicalJson.write(a), CanonicalJson.write(b));
        }
    }

    private static boolean numbersEqual(JsonNode a, JsonNode b) {
        if (isSmallIntegral(a) && isSmallIntegral(b)) {
            return a.longValue() == b.longValue();
        }
        if (a.isDouble() && b.isDouble()) {
            return a.doubleValue() == b.doubleValue(); // a double's canonical text is the shortest that reads back as it
        }
        if (nearestDouble(a) != nearestDouble(b)) {
            return false; // equal values have the same nearest double
        }
        return Arrays.equals(CanonicalJson.write(a), CanonicalJson.write(b));
    }

    /** The double nearest the number's canonical value (a float's canonical text is its shortest decimal, not its double). */
    private static double nearestDouble(JsonNode n) {
        double v = n.isFloat() ? Double.parseDouble(CanonicalJson.toString(n)) : n.doubleValue();
        return v + 0.0; // -0.0 is 0
    }

    private static boolean isSmallIntegral(JsonNode n) {
        return n.isInt() || n.isLong() || n.isShort();
    }

    /**
     * @param node a JSON tree
     * @return a hash of its canonical JSON: equal trees (by {@link #equal}) hash alike
     */
    public static long hash(JsonNode node) {
        switch (node.getNodeType()) {
            case NULL:
                return NULL_HASH;
            case BOOLEAN:
                return node.booleanValue() ? TRUE_HASH : FALSE_HASH;
            case STRING:
                return stringHash(node.textValue());
            case NUMBER:
                return numberHash(node);
            case ARRAY: {
                long h = ARRAY_SEED;
                for (int i = 0, n = node.size(); i < n; i++) {
                    h = mix(h * 31 + hash(node.get(i)));
                }
                return h;
            }
            case OBJECT: {
                // Members in any order: a commutative sum of (name, value) hashes.
                long sum = OBJECT_SEED;
                for (Map.Entry<String, JsonNode> e : node.properties()) {
                    sum += mix(stringHash(e.getKey()) * 0x9e3779b97f4a7c15L + hash(e.getValue()));
                }
                return mix(sum + node.size());
            }
            default:
                return mix(bytesHash(CanonicalJson.write(node)));
        }
    }

    /**
     * @param node a JSON tree
     * @return a hash of its top level only: scalars whole, a container by its size and, for each
     *     member or element, its scalar value or the kind and size of its container; equal trees (by
     *     {@link #equal}) hash alike, and telling apart records that differ only deeper down is left
     *     to {@link #equal}
     */
    public static long shallowHash(JsonNode node) {
        if (node instanceof ObjectNode) {
            long sum = OBJECT_SEED;
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                sum += mix(stringHash(e.getKey()) * 0x9e3779b97f4a7c15L + shallowPart(e.getValue()));
            }
            return mix(sum + node.size());
        }
        if (node instanceof ArrayNode) {
            long h = ARRAY_SEED;
            for (int i = 0, n = node.size(); i < n; i++) {
                h = mix(h * 31 + shallowPart(node.get(i)));
            }
            return h;
        }
        return hash(node);
    }

    private static long shallowPart(JsonNode value) {
        if (value.isContainerNode()) {
            return (value.isObject() ? OBJECT_SEED : ARRAY_SEED) + value.size();
        }
        return hash(value);
    }

    /** By the nearest double: equal numbers hash alike whatever their node type ({@code 1}, {@code 1.0}, {@code 1e0}). */
    private static long numberHash(JsonNode n) {
        return mix(NUMBER_SEED ^ Double.doubleToLongBits(nearestDouble(n)));
    }

    /** String's own hash (cached in the string, computed by an intrinsic), spread to 64 bits with the length. */
    private static long stringHash(String s) {
        return mix(STRING_SEED + ((long) s.length() << 32 | (s.hashCode() & 0xffffffffL)));
    }

    private static long bytesHash(byte[] bytes) {
        long h = STRING_SEED;
        for (byte b : bytes) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        return h;
    }

    /** The finaliser of SplitMix64: spreads every input bit over the whole word. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /**
     * @param node a JSON tree
     * @return a deep copy sharing no container with {@code node} (value nodes are immutable and shared);
     *     its objects keep their members in {@link Members}, which a later copy copies by array fills, and
     *     its arrays their elements in {@link Elements}, where edits in order cost little
     */
    public static JsonNode copy(JsonNode node) {
        if (node instanceof ObjectNode) {
            Members members = new Members(node.size());
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                JsonNode v = e.getValue();
                members.append(e.getKey(), v.isContainerNode() ? copy(v) : v);
            }
            return new ObjectNode(JsonNodeFactory.instance, members);
        }
        if (node instanceof ArrayNode) {
            int n = node.size();
            Elements items = new Elements(n);
            for (int i = 0; i < n; i++) {
                JsonNode v = node.get(i);
                items.add(v.isContainerNode() ? copy(v) : v);
            }
            return new EditableArray(items);
        }
        return node;
    }

    /**
     * Estimates the length of a tree's JSON text, stopping once the estimate passes {@code enough}.
     *
     * @param node a tree
     * @param enough the bound past which the caller does not care
     * @return an estimate, at least {@code enough + 1} when the text is longer than {@code enough}
     */
    public static long sizeAtLeast(JsonNode node, long enough) {
        return size(node, 0, enough);
    }

    /**
     * Estimates the heap that {@link #copy} of a tree allocates, stopping once the estimate passes
     * {@code enough}: its containers and their slots (values are shared, so they cost only their slot).
     * On a 64-bit JVM with compressed pointers an array costs about 64 bytes and 4 per element, an
     * object about 96 and 8 per member; the estimate rounds up. A tree of small containers costs
     * 10 to 30 times its JSON text, which is why copies are charged by this and not by their text.
     *
     * @param node a tree
     * @param enough the bound past which the caller does not care
     * @return an estimate, at least {@code enough + 1} when the copy would take more than {@code enough}
     */
    public static long heapAtLeast(JsonNode node, long enough) {
        return heap(node, 0, enough);
    }

    private static long heap(JsonNode node, long sofar, long enough) {
        if (node instanceof ArrayNode) {
            long s = sofar + ARRAY_BYTES;
            for (int i = 0, n = node.size(); i < n && s <= enough; i++) {
                JsonNode v = node.get(i);
                s = v.isContainerNode() ? heap(v, s + SLOT_BYTES, enough) : s + SLOT_BYTES;
            }
            return s;
        }
        if (node instanceof ObjectNode) {
            long s = sofar + OBJECT_BYTES;
            for (Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator(); it.hasNext() && s <= enough; ) {
                JsonNode v = it.next().getValue();
                s = v.isContainerNode() ? heap(v, s + MEMBER_BYTES, enough) : s + MEMBER_BYTES;
            }
            return s;
        }
        return sofar;
    }

    private static long size(JsonNode node, long sofar, long enough) {
        switch (node.getNodeType()) {
            case STRING:
                return sofar + node.textValue().length() + 2;
            case NUMBER:
                return sofar + (isSmallIntegral(node) ? digits(node.longValue()) : node.asText().length());
            case BOOLEAN:
                return sofar + (node.booleanValue() ? 4 : 5);
            case ARRAY: {
                long s = sofar + 2;
                for (int i = 0, n = node.size(); i < n && s <= enough; i++) {
                    s = size(node.get(i), s + 1, enough);
                }
                return s;
            }
            case OBJECT: {
                long s = sofar + 2;
                for (Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator(); it.hasNext() && s <= enough; ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    s = size(e.getValue(), s + e.getKey().length() + 4, enough);
                }
                return s;
            }
            default:
                return sofar + 4;
        }
    }

    private static int digits(long v) {
        if (v == Long.MIN_VALUE) {
            return 20;
        }
        int d = v < 0 ? 2 : 1;
        for (long x = Math.abs(v); x >= 10; x /= 10) {
            d++;
        }
        return d;
    }
}
