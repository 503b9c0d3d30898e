package io.deltachain.json.internal;

import io.deltachain.json.JsonPointers;
import java.util.Arrays;

/**
 * The path from the root to the value being visited, kept as a stack so that error messages can
 * name it as an RFC 6901 JSON Pointer. Not thread-safe: one instance per walk.
 */
final class JsonPath {
    /** Segments shown in a message before the pointer is abbreviated (deep or cyclic values). */
    private static final int SHOWN_SEGMENTS = 32;

    private String[] names = new String[16];
    private int[] indices = new int[16];
    private int size;

    void pushName(String name) {
        grow();
        names[size] = name;
        indices[size] = -1;
        size++;
    }

    void pushIndex(int index) {
        grow();
        names[size] = null;
        indices[size] = index;
        size++;
    }

    void pop() {
        size--;
        names[size] = null;
    }

    int depth() {
        return size;
    }

    private void grow() {
        if (size == names.length) {
            names = Arrays.copyOf(names, size * 2);
            indices = Arrays.copyOf(indices, size * 2);
        }
    }

    /** @return the JSON Pointer, {@code ""} for the root, abbreviated with {@code /...} when very deep */
    String pointer() {
        StringBuilder b = new StringBuilder();
        int shown = Math.min(size, SHOWN_SEGMENTS);
        for (int i = 0; i < shown; i++) {
            b.append('/');
            if (names[i] == null) {
                b.append(indices[i]);
            } else {
                escape(names[i], b);
            }
        }
        if (shown < size) {
            b.append("/...(").append(size - shown).append(" more levels)");
        }
        return b.toString();
    }

    /** @return "at /a/0" or "at the root", for messages */
    String where() {
        return size == 0 ? "at the root (JSON Pointer \"\")" : "at " + pointer();
    }

    static void escape(String name, StringBuilder b) {
        JsonPointers.escape(name, b);
    }
}
