package io.deltachain.strategy.jsonpatch.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.deltachain.json.CanonicalJson;
import java.util.List;
import java.util.Locale;

/**
 * Operations rendered for people ({@code describe}): one line each, {@code replace /orders/3/qty 5},
 * {@code move /a/0 -> /a/4}, values as canonical JSON cut after {@link #MAX_VALUE_CHARS} characters
 * with a note of the whole length. A pointer is written as it is, unless it is the whole document
 * ({@code ""}) or holds a space, a quote or a control character: then as a JSON string, so that
 * every line stays one line and reads unambiguously. Stateless.
 */
public final class Rendering {
    /** Values longer than this are cut, with a note of their length. */
    public static final int MAX_VALUE_CHARS = 120;

    private Rendering() {
    }

    /**
     * @param ops operations
     * @param before for each operation, the value it replaced or removed (null when none or unknown); or null
     * @return one line per operation, each ended by a newline; {@code ""} for no operation
     */
    public static String operations(List<Op> ops, JsonNode[] before) {
        StringBuilder out = new StringBuilder(ops.size() * 40);
        for (int i = 0; i < ops.size(); i++) {
            Op op = ops.get(i);
            out.append(op.kind().rfcName()).append(' ');
            if (op.from() != null) {
                out.append(pointer(op.from())).append(" -> ");
            }
            out.append(pointer(op.path()));
            if (op.value() != null) {
                out.append(' ').append(value(op.value(), MAX_VALUE_CHARS));
            }
            if (before != null && before[i] != null) {
                out.append(" (was ").append(value(before[i], MAX_VALUE_CHARS)).append(')');
            }
            out.append('\n');
        }
        return out.toString();
    }

    /**
     * @param pointer a JSON Pointer
     * @return it as written in a rendering: bare, or quoted when bare would be empty or ambiguous
     */
    public static String pointer(String pointer) {
        boolean bare = !pointer.isEmpty();
        for (int i = 0; i < pointer.length() && bare; i++) {
            char c = pointer.charAt(i);
            bare = c > ' ' && c != '"' && c != 0x7f && !Character.isSpaceChar(c);
        }
        return bare ? pointer : Pointers.quoted(pointer);
    }

    /**
     * @param value a JSON value
     * @param max the most characters to show
     * @return its canonical JSON, or its first characters and {@code ... (N chars)} when longer than {@code max}
     */
    public static String value(JsonNode value, int max) {
        String text = CanonicalJson.toString(value);
        if (text.length() <= max) {
            return text;
        }
        int cut = max - 20;
        if (Character.isHighSurrogate(text.charAt(cut - 1))) {
            cut--; // never split a surrogate pair
        }
        return text.substring(0, cut) + "... (" + String.format(Locale.ROOT, "%,d", text.length()) + " chars)";
    }
}
