package io.deltachain.strategy.jsonpatch.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.deltachain.json.CanonicalJson;
import java.util.Objects;

/**
 * One RFC 6902 operation. {@code path} and {@code from} are JSON Pointer texts (already checked to
 * be RFC 6901 syntax); {@code from} is null unless the kind has one, {@code value} null unless the
 * kind has one (a JSON null is a {@code NullNode}).
 *
 * @param kind the operation
 * @param path the target location
 * @param from the source location of {@code move} and {@code copy}
 * @param value the value of {@code add}, {@code replace} and {@code test}
 */
public record Op(OpKind kind, String path, String from, JsonNode value) {
    /** Checks that the members match the kind. */
    public Op {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(path, "path");
        if (kind.hasFrom() != (from != null) || kind.hasValue() != (value != null)) {
            throw new IllegalArgumentException(kind.rfcName() + " with from=" + from + ", value=" + value);
        }
    }

    static Op add(String path, JsonNode value) {
        return new Op(OpKind.ADD, path, null, value);
    }

    static Op remove(String path) {
        return new Op(OpKind.REMOVE, path, null, null);
    }

    static Op replace(String path, JsonNode value) {
        return new Op(OpKind.REPLACE, path, null, value);
    }

    static Op move(String from, String path) {
        return new Op(OpKind.MOVE, path, from, null);
    }

    static Op copy(String from, String path) {
        return new Op(OpKind.COPY, path, from, null);
    }

    /** @return the operation as RFC 6902 JSON text, members in the RFC's order, the value canonical */
    public String toJson() {
        StringBuilder b = new StringBuilder(64);
        b.append("{\"op\":\"").append(kind.rfcName()).append('"');
        if (from != null) {
            b.append(",\"from\":").append(Pointers.quoted(from));
        }
        b.append(",\"path\":").append(Pointers.quoted(path));
        if (value != null) {
            b.append(",\"value\":").append(CanonicalJson.toString(value));
        }
        return b.append('}').toString();
    }

    /** @return a short form for messages: {@code move from /a to /b} */
    String describe() {
        return switch (kind) {
            case MOVE, COPY -> kind.rfcName() + " from \"" + from + "\" to \"" + path + "\"";
            default -> kind.rfcName() + " at \"" + path + "\"";
        };
    }

    @Override
    public String toString() {
        return toJson();
    }
}
