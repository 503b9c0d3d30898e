package io.deltachain.strategy.jsonpatch.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.ConcurrentModificationException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * The members of an {@code ObjectNode} that {@link Trees#copy} makes: an insertion-ordered map over
 * two arrays, so that a copy costs two array fills per object instead of a hash entry per member.
 * Lookups scan small maps and build a hash index of the positions for larger ones, on first use.
 * Removing a member leaves a hole (its key null), which iteration skips, and takes its key out of the
 * index; the arrays are compacted, and the index rebuilt, once holes outnumber members, so that removing {@code k} members
 * of {@code n} costs O({@code k} + {@code n}), not O({@code k} × {@code n}). A full {@link Map} (null
 * keys refused, as {@code ObjectNode} never passes one), so the node behaves as Jackson's own does
 * when the caller edits it later. Not thread-safe, like {@code LinkedHashMap}.
 */
final class Members extends AbstractMap<String, JsonNode> {
    /** Maps up to this size are searched by a scan. */
    private static final int SCAN = 8;
    private static final String[] NO_KEYS = new String[0];
    private static final JsonNode[] NO_VALUES = new JsonNode[0];

    private String[] keys;
    private JsonNode[] values;
    /** Members present. */
    private int size;
    /** Slots in use, members and holes: {@code [0, end)}. */
    private int end;
    /**
     * Key to position, for maps larger than {@link #SCAN}; null until needed. A {@link HashMap}, whose
     * bins of colliding keys become trees: keys chosen to share one {@code String.hashCode} (there are
     * billions of them) cost a logarithm each, not a scan of the map.
     */
    private HashMap<String, Integer> index;
    private int modCount;
    private Set<Map.Entry<String, JsonNode>> entrySet;

    Members(int capacity) {
        keys = capacity == 0 ? NO_KEYS : new String[capacity];
        values = capacity == 0 ? NO_VALUES : new JsonNode[capacity];
    }

    /** Appends a member the caller knows is not present yet (a copy of a map's members). */
    void append(String key, JsonNode value) {
        if (end == keys.length) {
            makeRoom();
        }
        keys[end] = key;
        values[end] = value;
        end++;
        size++;
        index = null;
    }

    /** Compacts away the holes when they are at least half the slots, else doubles the arrays. */
    private void makeRoom() {
        if (end - size >= end / 2 && end - size > 0) {
            compact();
            return;
        }
        int capacity = (int) Math.min(Integer.MAX_VALUE - 8, Math.max(4, keys.length * 2L));
        keys = Arrays.copyOf(keys, capacity);
        values = Arrays.copyOf(values, capacity);
    }

    private void compact() {
        int to = 0;
        for (int from = 0; from < end; from++) {
            if (keys[from] != null) {
                keys[to] = keys[from];
                values[to] = values[from];
                to++;
            }
        }
        Arrays.fill(keys, to, end, null);
        Arrays.fill(values, to, end, null);
        end = to;
        index = null;
        modCount++;
    }

    private int find(Object key) {
        if (!(key instanceof String)) {
            return -1;
        }
        if (end <= SCAN) {
            for (int i = 0; i < end; i++) {
                if (key.equals(keys[i])) {
                    return i;
                }
            }
            return -1;
        }
        Integer at = (index != null ? index : buildIndex()).get(key);
        return at == null ? -1 : at;
    }

    private HashMap<String, Integer> buildIndex() {
        HashMap<String, Integer> table = new HashMap<>(capacity(size));
        for (int i = 0; i < end; i++) {
            if (keys[i] != null) {
                table.put(keys[i], i);
            }
        }
        index = table;
        return table;
    }

    private static int capacity(int size) {
        return (int) Math.min(1 << 30, size / 0.75 + 1);
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean containsKey(Object key) {
        return find(key) >= 0;
    }

    @Override
    public JsonNode get(Object key) {
        int at = find(key);
        return at < 0 ? null : values[at];
    }

    @Override
    public JsonNode put(String key, JsonNode value) {
        Objects.requireNonNull(key, "key");
        int at = find(key);
        if (at >= 0) {
            JsonNode old = values[at];
            values[at] = value;
            return old;
        }
        if (end == keys.length) {
            makeRoom();
        }
        keys[end] = key;
        values[end] = value;
        end++;
        size++;
        modCount++;
        if (index != null) {
            index.put(key, end - 1);
        }
        return null;
    }

    @Override
    public JsonNode remove(Object key) {
        int at = find(key);
        if (at < 0) {
            return null;
        }
        JsonNode old = values[at];
        removeAt(at);
        if (end - size > size && end > 2 * SCAN) {
            compact(); // holes outnumber members: each removal pays for its share of this
        }
        return old;
    }

    /** Leaves a hole at {@code at}, and takes its key out of the index. */
    private void removeAt(int at) {
        if (index != null) {
            index.remove(keys[at]);
        }
        keys[at] = null;
        values[at] = null;
        size--;
        if (at == end - 1) {
            end--;
        }
        modCount++;
    }

    @Override
    public void clear() {
        Arrays.fill(keys, 0, end, null);
        Arrays.fill(values, 0, end, null);
        size = 0;
        end = 0;
        index = null;
        modCount++;
    }

    @Override
    public Set<Map.Entry<String, JsonNode>> entrySet() {
        if (entrySet == null) {
            entrySet = new AbstractSet<>() {
                @Override
                public Iterator<Map.Entry<String, JsonNode>> iterator() {
                    return new Entries();
                }

                @Override
                public int size() {
                    return size;
                }

                @Override
                public void clear() {
                    Members.this.clear();
                }
            };
        }
        return entrySet;
    }

    /** Entries in insertion order; {@code setValue} writes through, {@code remove} removes the member. */
    private final class Entries implements Iterator<Map.Entry<String, JsonNode>> {
        private int next;
        private int last = -1;
        private int expected = modCount;

        @Override
        public boolean hasNext() {
            while (next < end && keys[next] == null) {
                next++;
            }
            return next < end;
        }

        @Override
        public Map.Entry<String, JsonNode> next() {
            if (expected != modCount) {
                throw new ConcurrentModificationException();
            }
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            last = next++;
            return new Entry(last);
        }

        @Override
        public void remove() {
            if (last < 0) {
                throw new IllegalStateException("next() first");
            }
            if (expected != modCount) {
                throw new ConcurrentModificationException();
            }
            removeAt(last);
            expected = modCount;
            last = -1;
        }
    }

    private final class Entry implements Map.Entry<String, JsonNode> {
        private final String key;
        private final int at;
        private final int expected = modCount;

        Entry(int at) {
            this.key = keys[at];
            this.at = at;
        }

        @Override
        public String getKey() {
            return key;
        }

        @Override
        public JsonNode getValue() {
            return expected == modCount ? values[at] : get(key);
        }

        @Override
        public JsonNode setValue(JsonNode value) {
            if (expected == modCount) {
                JsonNode old = values[at];
                values[at] = value;
                return old;
            }
            if (!containsKey(key)) {
                throw new IllegalStateException("member \"" + key + "\" was removed");
            }
            return put(key, value);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Map.Entry<?, ?> e && key.equals(e.getKey()) && Objects.equals(getValue(), e.getValue());
        }

        @Override
        public int hashCode() {
            return key.hashCode() ^ Objects.hashCode(getValue());
        }

        @Override
        public String toString() {
            return key + "=" + getValue();
        }
    }
}
