package io.deltachain.strategy.dict.internal;

import io.deltachain.json.CanonicalJson;
import io.deltachain.json.JsonValues;
import io.deltachain.api.CorruptDeltaException;
import io.deltachain.api.Limits;
import io.deltachain.api.StateMismatchException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A key-level patch of one JSON object: keys to set, keys to remove (remove means "make absent",
 * so that composition is exact), keys whose object values are patched recursively, and, for
 * information only, unchanged keys. The payload form is specified in docs/FORMAT.md ("dict payload").
 */
public final class MapPatch {
    /** Payload format version, member {@code v} of the top-level object. */
    public static final int VERSION = 1;

    final TreeMap<String, Object> set = new TreeMap<>();
    final TreeSet<String> remove = new TreeSet<>();
    final TreeMap<String, MapPatch> nested = new TreeMap<>();
    final TreeMap<String, Object> unchanged = new TreeMap<>();

    /**
     * @param base the older object
     * @param target the newer object
     * @param includeUnchanged whether to list unchanged top-level keys
     * @return the patch from base to target
     */
    public static MapPatch diff(Map<String, Object> base, Map<String, Object> target, boolean includeUnchanged) {
        MapPatch patch = new MapPatch();
        for (Map.Entry<String, Object> e : target.entrySet()) {
            String key = e.getKey();
            Object next = e.getValue();
            if (!base.containsKey(key)) {
                patch.set.put(key, JsonValues.deepCopy(next));
                continue;
            }
            Object old = base.get(key);
            if (JsonValues.equal(old, next)) {
                if (includeUnchanged) {
                    patch.unchanged.put(key, JsonValues.deepCopy(next));
                }
            } else if (old instanceof Map<?, ?> oldMap && next instanceof Map<?, ?> nextMap) {
                patch.nested.put(key, diff(asObject(oldMap), asObject(nextMap), false));
            } else {
                patch.set.put(key, JsonValues.deepCopy(next));
            }
        }
        for (String key : base.keySet()) {
            if (!target.containsKey(key)) {
                patch.remove.add(key);
            }
        }
        return patch;
    }

    /**
     * @param base an object (not modified)
     * @param path the JSON Pointer of {@code base}, for messages
     * @return a new object with this patch applied
     */
    public Map<String, Object> applyTo(Map<String, Object> base, String path) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : base.entrySet()) {
            out.put(e.getKey(), JsonValues.deepCopy(e.getValue()));
        }
        remove.forEach(out::remove);
        set.forEach((k, v) -> out.put(k, JsonValues.deepCopy(v)));
        for (Map.Entry<String, MapPatch> e : nested.entrySet()) {
            String k = e.getKey();
            MapPatch p = e.getValue();
            Object old = out.get(k);
            if (!(old instanceof Map<?, ?> oldMap)) {
                throw new StateMismatchException("the patch changes keys inside " + JsonPointer.append(path, k)
                        + ", but the base holds " + (old == null && !out.containsKey(k) ? "no such key" : "no object there")
                        + "; apply it to the state it was made from");
            }
            out.put(k, p.applyTo(asObject(oldMap), JsonPointer.append(path, k)));
        }
        return out;
    }

    /**
     * @param first a patch from A to B
     * @param second a patch from B to C
     * @param path where these patches apply, for messages
     * @return a patch from A to C with exactly the effect of both in turn
     */
    public static MapPatch compose(MapPatch first, MapPatch second, String path) {
        MapPatch out = new MapPatch();
        Set<String> keys = new TreeSet<>(first.keys());
        keys.addAll(second.keys());
        for (String k : keys) {
            if (second.set.containsKey(k)) {
                out.set.put(k, second.set.get(k));
            } else if (second.remove.contains(k)) {
                out.remove.add(k);
            } else if (second.nested.containsKey(k)) {
                MapPatch inner = second.nested.get(k);
                if (first.set.containsKey(k)) {
                    Object value = first.set.get(k);
                    if (!(value instanceof Map<?, ?> map)) {
                        throw notConsecutive(JsonPointer.append(path, k));
                    }
                    out.set.put(k, inner.applyTo(asObject(map), JsonPointer.append(path, k)));
                } else if (first.remove.contains(k)) {
                    throw notConsecutive(JsonPointer.append(path, k));
                } else if (first.nested.containsKey(k)) {
                    out.nested.put(k, compose(first.nested.get(k), inner, JsonPointer.append(path, k)));
                } else {
                    out.nested.put(k, inner);
                }
            } else if (first.set.containsKey(k)) {
                out.set.put(k, first.set.get(k));
            } else if (first.remove.contains(k)) {
                out.remove.add(k);
            } else if (first.nested.containsKey(k)) {
                out.nested.put(k, first.nested.get(k));
            }
        }
        return out;
    }

    private static StateMismatchException notConsecutive(String pointer) {
        return new StateMismatchException("the patches are not consecutive: the second changes keys inside " + pointer
                + ", which the first leaves without an object");
    }

    private Set<String> keys() {
        Set<String> keys = new TreeSet<>(set.keySet());
        keys.addAll(remove);
        keys.addAll(nested.keySet());
        return keys;
    }

    /**
     * @param prefix the JSON Pointer of this patch's object
     * @param changes receives pointers of set keys
     * @param removals receives pointers of removed keys
     */
    public void collect(String prefix, List<String> changes, List<String> removals) {
        set.keySet().forEach(k -> changes.add(JsonPointer.append(prefix, k)));
        remove.forEach(k -> removals.add(JsonPointer.append(prefix, k)));
        nested.forEach((k, p) -> p.collect(JsonPointer.append(prefix, k), changes, removals));
    }

    /**
     * One line per changed key, in key order at every depth, as RFC 6901 pointers with canonical JSON
     * values: {@code ~ /a: 2} for a key set (added or changed: the patch does not say which),
     * {@code - /b} for a key removed. With the base, a set key is {@code + /c: 4} when the base lacks
     * it and {@code ~ /a: 1 -> 2} when it changes, and a removed key shows its old value.
     *
     * @param prefix the JSON Pointer of this patch's object
     * @param base the object this patch applies to, or null when unknown
     * @param out receives the lines
     */
    public void describe(String prefix, Map<String, Object> base, StringBuilder out) {
        for (String k : keys()) {
            String pointer = JsonPointer.append(prefix, k);
            boolean known = base != null && base.containsKey(k);
            Object old = known ? base.get(k) : null;
            if (set.containsKey(k)) {
                String value = CanonicalJson.toString(set.get(k));
                if (base == null) {
                    out.append("~ ").append(pointer).append(": ").append(value).append('\n');
                } else if (known) {
                    out.append("~ ").append(pointer).append(": ").append(CanonicalJson.toString(old)).append(" -> ")
                            .append(value).append('\n');
                } else {
                    out.append("+ ").append(pointer).append(": ").append(value).append('\n');
                }
            } else if (remove.contains(k)) {
                out.append("- ").append(pointer);
                if (known) {
                    out.append(": ").append(CanonicalJson.toString(old));
                }
                out.append('\n');
            } else {
                nested.get(k).describe(pointer, old instanceof Map<?, ?> map ? asObject(map) : null, out);
            }
        }
    }

    /**
     * The bounds a payload is written and read under: those of the states, with twice their depth. A
     * change at depth {@code d} of a state sits at depth {@code 2d} of the payload
     * ({@code {"nested":{"k":{"set":{...}}}}}), so a payload of states within {@code limits} is within
     * these; what it builds is bounded by {@code limits} themselves ({@link #fromPayload}).
     *
     * @param limits the bounds on states
     * @return the bounds on payloads
     */
    public static Limits payloadLimits(Limits limits) {
        return limits.withMaxJsonDepth((int) Math.min(Integer.MAX_VALUE, 2L * limits.maxJsonDepth()));
    }

    /**
     * @return the payload bytes: canonical JSON, refused when it would not read back under the default
     *     limits ({@link #payloadLimits})
     * @throws io.deltachain.api.LimitExceededException when a value is nested too deeply or a number is
     *     too long to read back
     */
    public byte[] toPayload() {
        Map<String, Object> json = toJson();
        json.put("v", VERSION);
        return CanonicalJson.write(json, payloadLimits(Limits.defaults()));
    }

    private Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        if (!set.isEmpty()) {
            json.put("set", set);
        }
        if (!remove.isEmpty()) {
            json.put("remove", new ArrayList<>(remove));
        }
        if (!nested.isEmpty()) {
            Map<String, Object> inner = new LinkedHashMap<>();
            nested.forEach((k, p) -> inner.put(k, p.toJson()));
            json.put("nested", inner);
        }
        if (!unchanged.isEmpty()) {
            json.put("unchanged", unchanged);
        }
        return json;
    }

    /**
     * @param payload payload bytes, possibly corrupt
     * @param limits bounds on the states: the payload is parsed under {@link #payloadLimits}, and a value
     *     it sets that would nest deeper in the result than {@link Limits#maxJsonDepth()} is refused
     * @return the patch
     * @throws CorruptDeltaException when the payload is not a dict patch
     * @throws io.deltachain.api.LimitExceededException when it passes a limit
     */
    public static MapPatch fromPayload(byte[] payload, Limits limits) {
        Map<String, Object> json = CanonicalJson.parseObject(payload, payloadLimits(limits));
        Object v = json.remove("v");
        if (!(v instanceof Integer version) || version != VERSION) {
            throw new CorruptDeltaException("dict payload has version " + v + "; this build reads version " + VERSION);
        }
        MapPatch top = new MapPatch();
        // Iteratively, one object of the payload at a time: a patch as deep as the state limit must not
        // run out of stack.
        ArrayDeque<Pending> pending = new ArrayDeque<>();
        pending.push(new Pending(json, "", 1, top));
        while (!pending.isEmpty()) {
            pending.pop().read(pending, limits);
        }
        return top;
    }

    /**
     * One object of a payload, still to be read into {@code patch}.
     *
     * @param depth how deep the object the patch applies to stands in the state (1 for the state)
     */
    private record Pending(Map<String, Object> json, String path, int depth, MapPatch patch) {
        void read(ArrayDeque<Pending> more, Limits limits) {
            for (Map.Entry<String, Object> e : json.entrySet()) {
                String member = e.getKey();
                Object value = e.getValue();
                switch (member) {
                    case "set" -> {
                        patch.set.putAll(object(value, path, member));
                        for (Map.Entry<String, Object> set : patch.set.entrySet()) {
                            JsonValues.checkDepth(set.getValue(), depth, limits,
                                    "the value the dict payload sets at " + JsonPointer.append(path, set.getKey()));
                        }
                    }
                    case "unchanged" -> patch.unchanged.putAll(object(value, path, member));
                    case "remove" -> {
                        if (!(value instanceof List<?> list)) {
                            throw corrupt(path, "'remove' must be an array of keys");
                        }
                        for (Object key : list) {
                            if (!(key instanceof String s) || !patch.remove.add(s)) {
                                throw corrupt(path, "'remove' must hold distinct string keys");
                            }
                        }
                    }
                    case "nested" -> {
                        for (Map.Entry<String, Object> inner : object(value, path, member).entrySet()) {
                            String at = JsonPointer.append(path, inner.getKey());
                            MapPatch child = new MapPatch();
                            patch.nested.put(inner.getKey(), child);
                            more.push(new Pending(object(inner.getValue(), at, "nested"), at, depth + 1, child));
                        }
                    }
                    default -> throw corrupt(path, "unknown member '" + member + "'");
                }
            }
            for (String k : patch.set.keySet()) {
                if (patch.remove.contains(k) || patch.nested.containsKey(k)) {
                    throw corrupt(path, "key '" + k + "' is both set and removed or patched");
                }
            }
            for (String k : patch.remove) {
                if (patch.nested.containsKey(k)) {
                    throw corrupt(path, "key '" + k + "' is both removed and patched");
                }
            }
        }
    }

    private static Map<String, Object> object(Object value, String path, String member) {
        if (!(value instanceof Map<?, ?> map)) {
            throw corrupt(path, "'" + member + "' must be an object");
        }
        return asObject(map);
    }

    private static CorruptDeltaException corrupt(String path, String what) {
        return new CorruptDeltaException("dict payload is malformed at " + (path.isEmpty() ? "the top level" : path)
                + ": " + what);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> asObject(Map<?, ?> map) {
        for (Object key : map.keySet()) {
            if (!(key instanceof String)) {
                throw new io.deltachain.api.InvalidStateException("JSON object keys must be strings, found "
                        + (key == null ? "null" : key.getClass().getName()));
            }
        }
        return (Map<String, Object>) map;
    }
}
