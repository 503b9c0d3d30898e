package io.deltachain.strategy.jsonpatch.internal;

import java.util.Optional;

/** The six RFC 6902 operations, with their record payload codes (docs/FORMAT.md). */
public enum OpKind {
    ADD("add", 1, false, true),
    REMOVE("remove", 2, false, false),
    REPLACE("replace", 3, false, true),
    MOVE("move", 4, true, false),
    COPY("copy", 5, true, false),
    TEST("test", 6, false, true);

    private static final OpKind[] BY_CODE = {null, ADD, REMOVE, REPLACE, MOVE, COPY, TEST};

    private final String rfcName;
    private final int code;
    private final boolean hasFrom;
    private final boolean hasValue;

    OpKind(String rfcName, int code, boolean hasFrom, boolean hasValue) {
        this.rfcName = rfcName;
        this.code = code;
        this.hasFrom = hasFrom;
        this.hasValue = hasValue;
    }

    /** @return the {@code op} member's value, e.g. {@code "add"} */
    public String rfcName() {
        return rfcName;
    }

    int code() {
        return code;
    }

    /** @return whether the operation needs {@code from} */
    public boolean hasFrom() {
        return hasFrom;
    }

    /** @return whether the operation needs {@code value} */
    public boolean hasValue() {
        return hasValue;
    }

    static Optional<OpKind> ofCode(int code) {
        return code > 0 && code < BY_CODE.length ? Optional.of(BY_CODE[code]) : Optional.empty();
    }

    static Optional<OpKind> ofName(String name) {
        for (OpKind k : values()) {
            if (k.rfcName.equals(name)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
