package io.deltachain.strategy.jsonpatch.internal;

import com.fasterxml.jackson.databind.node.TextNode;
import io.deltachain.json.CanonicalJson;
import io.deltachain.json.JsonPointers;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** RFC 6901 JSON Pointers: escaping, syntax checks and splitting into reference tokens. Stateless. */
public final class Pointers {
    private static final String[] ROOT = new String[0];

    private Pointers() {
    }

    /**
     * @param prefix a pointer ({@code ""} for the root)
     * @param name an object member name
     * @return the pointer to that member: {@code ~} written {@code ~0}, {@code /} written {@code ~1}
     */
    public static String member(String prefix, String name) {
        return JsonPointers.member(prefix, name);
    }

    /**
     * @param prefix a pointer
     * @param index an array index
     * @return the pointer to that element
     */
    public static String element(String prefix, int index) {
        return prefix + '/' + index;
    }

    /**
     * @param pointer text that should be a JSON Pointer
     * @return empty when it is RFC 6901 syntax, else what is wrong
     */
    public static Optional<String> syntaxError(String pointer) {
        if (!pointer.isEmpty() && pointer.charAt(0) != '/') {
            return Optional.of("does not start with '/' (the whole document is \"\")");
        }
        for (int i = 0; i < pointer.length(); i++) {
            if (pointer.charAt(i) == '~') {
                char next = i + 1 < pointer.length() ? pointer.charAt(i + 1) : 0;
                if (next != '0' && next != '1') {
                    return Optional.of("has '~' at character " + i + " not followed by 0 or 1 (write ~0 for '~', ~1 for '/')");
                }
            }
        }
        return Optional.empty();
    }

    /**
     * @param pointer a pointer of valid syntax
     * @return its reference tokens, unescaped ({@code ~1} before {@code ~0}, as RFC 6901 says)
     */
    public static String[] tokens(String pointer) {
        if (pointer.isEmpty()) {
            return ROOT;
        }
        List<String> tokens = new ArrayList<>();
        int start = 1;
        while (true) {
            int slash = pointer.indexOf('/', start);
            String raw = slash < 0 ? pointer.substring(start) : pointer.substring(start, slash);
            tokens.add(raw.indexOf('~') < 0 ? raw : raw.replace("~1", "/").replace("~0", "~"));
            if (slash < 0) {
                return tokens.toArray(ROOT);
            }
            start = slash + 1;
        }
    }

    /**
     * @param ancestor a pointer
     * @param pointer another
     * @return whether {@code pointer} lies strictly inside {@code ancestor}
     */
    public static boolean isProperPrefix(String ancestor, String pointer) {
        return pointer.length() > ancestor.length() && pointer.startsWith(ancestor)
                && pointer.charAt(ancestor.length()) == '/';
    }

    /**
     * @param pointer a pointer of valid syntax
     * @return the pointer cut before its first token that is all digits or {@code -} (an array index,
     *     or a member name that looks like one): the member that holds the array
     */
    public static String upToFirstIndex(String pointer) {
        int start = 1;
        while (start <= pointer.length()) {
            int slash = pointer.indexOf('/', start);
            int end = slash < 0 ? pointer.length() : slash;
            if (isIndexLike(pointer, start, end)) {
                return pointer.substring(0, start - 1);
            }
            if (slash < 0) {
                break;
            }
            start = slash + 1;
        }
        return pointer;
    }

    private static boolean isIndexLike(String pointer, int start, int end) {
        if (end - start == 1 && pointer.charAt(start) == '-') {
            return true;
        }
        if (end == start) {
            return false;
        }
        for (int i = start; i < end; i++) {
            char c = pointer.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** @return the pointer as a JSON string literal */
    static String quoted(String pointer) {
        return CanonicalJson.toString(TextNode.valueOf(pointer));
    }
}
