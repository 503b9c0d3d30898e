package io.deltachain.strategy.dict.internal;

/** RFC 6901 JSON Pointers for map keys. */
public final class JsonPointer {
    private JsonPointer() {
    }

    /**
     * @param prefix a pointer ({@code ""} for the root)
     * @param key a member name
     * @return the pointer to that member, with {@code ~} and {@code /} escaped as {@code ~0} and {@code ~1}
     */
    public static String append(String prefix, String key) {
        return prefix + "/" + key.replace("~", "~0").replace("/", "~1");
    }
}
