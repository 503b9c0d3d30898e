package io.deltachain.json;

/**
 * RFC 6901 JSON Pointers, as records' summaries and the JSON strategies write them: {@code ~} is
 * escaped as {@code ~0} and {@code /} as {@code ~1}. Thread-safe.
 */
public final class JsonPointers {
    private JsonPointers() {
    }

    /**
     * @param prefix a pointer ({@code ""} for the whole document)
     * @param name an object member name
     * @return the pointer to that member
     */
    public static String member(String prefix, String name) {
        if (name.indexOf('~') < 0 && name.indexOf('/') < 0) {
            return prefix + '/' + name;
        }
        StringBuilder b = new StringBuilder(prefix.length() + name.length() + 8).append(prefix).append('/');
        escape(name, b);
        return b.toString();
    }

    /**
     * @param name a member name
     * @param out where to append it as one escaped reference token
     */
    public static void escape(String name, StringBuilder out) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '~') {
                out.append("~0");
            } else if (c == '/') {
                out.append("~1");
            } else {
                out.append(c);
            }
        }
    }
}
