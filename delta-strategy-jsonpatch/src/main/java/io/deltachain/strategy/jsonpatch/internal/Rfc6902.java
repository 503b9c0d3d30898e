package io.deltachain.strategy.jsonpatch.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.deltachain.api.Limits;
import io.deltachain.json.JsonFormats;
import io.deltachain.strategy.jsonpatch.InvalidPatchException;
import io.deltachain.strategy.jsonpatch.JsonPatchException.Problem;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** RFC 6902 JSON text: a JSON array of operation objects, read strictly and written one operation a line. Stateless. */
public final class Rfc6902 {
    /** The levels a patch adds above the values of its operations: the array and an operation's object. */
    static final int OPERATION_DEPTH = 2;
    private Rfc6902() {
    }

    /**
     * @param ops operations
     * @return the patch as UTF-8 JSON text: {@code [}, one operation a line, {@code ]}
     */
    public static byte[] write(List<Op> ops) {
        StringBuilder b = new StringBuilder(ops.size() * 48 + 4).append('[');
        for (int i = 0; i < ops.size(); i++) {
            b.append(i == 0 ? "\n  " : ",\n  ").append(ops.get(i).toJson());
        }
        return b.append(ops.isEmpty() ? "]\n" : "\n]\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Reads a patch. Members an operation does not use are ignored (RFC 6902 section 4); a member
     * named twice is refused by the JSON reader.
     *
     * @param text UTF-8 JSON text, possibly from another tool
     * @param limits bounds on the documents: the patch may nest {@value #OPERATION_DEPTH} levels more (its
     *     array and an operation's object), so that a value as deep as a document can be added; where it
     *     goes, the applier checks the depth against the limit itself
     * @return the operations
     * @throws io.deltachain.api.CorruptDeltaException when the text is not JSON (naming the offset)
     * @throws InvalidPatchException when it is JSON but not a patch, naming the operation
     */
    public static List<Op> read(byte[] text, Limits limits) {
        int depth = (int) Math.min(Integer.MAX_VALUE, limits.maxJsonDepth() + (long) OPERATION_DEPTH);
        Limits withPatch = limits.withMaxJsonDepth(depth);
        if (!startsAnArray(text)) { // not a patch: read it whole to say what it is, or where it is not JSON
            return fromTree(JsonFormats.node().fromBytes(text, withPatch));
        }
        // Operation by operation: the patch's own tree (about ten times its text) is never held whole
        List<Op> ops = new ArrayList<>();
        JsonFormats.readElements(text, withPatch, (o, i) -> ops.add(operation(i, o)));
        return ops;
    }

    /** @return whether the first byte that is not JSON whitespace opens an array */
    private static boolean startsAnArray(byte[] text) {
        for (byte b : text) {
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return b == '[';
            }
        }
        return false;
    }

    /**
     * @param patch a parsed patch
     * @return the operations
     * @throws InvalidPatchException when it is not a patch, naming the operation
     */
    public static List<Op> fromTree(JsonNode patch) {
        if (!patch.isArray()) {
            throw new InvalidPatchException(Problem.NOT_AN_ARRAY, -1, "a JSON Patch is a JSON array of operations, not "
                    + patch.getNodeType().toString().toLowerCase(Locale.ROOT));
        }
        List<Op> ops = new ArrayList<>(patch.size());
        for (int i = 0; i < patch.size(); i++) {
            ops.add(operation(i, patch.get(i)));
        }
        return ops;
    }

    private static Op operation(int i, JsonNode o) {
        if (!o.isObject()) {
            throw new InvalidPatchException(Problem.NOT_AN_OBJECT, i, "JSON Patch operation " + i + " is not a JSON object");
        }
        String name = string(i, o, "op", "(no op)");
        Optional<OpKind> kind = OpKind.ofName(name);
        if (kind.isEmpty()) {
            throw new InvalidPatchException(Problem.UNKNOWN_OP, i, "JSON Patch operation " + i + " has op \"" + name
                    + "\", which is none of add, remove, replace, move, copy, test (names are case-sensitive)");
        }
        String label = name;
        String path = pointer(i, o, "path", label);
        String from = kind.get().hasFrom() ? pointer(i, o, "from", label) : null;
        JsonNode value = null;
        if (kind.get().hasValue()) {
            value = o.get("value");
            if (value == null) {
                throw new InvalidPatchException(Problem.MISSING_MEMBER, i, "JSON Patch operation " + i + " (" + label
                        + " at \"" + path + "\") has no \"value\" member (a null value is written \"value\": null)");
            }
        }
        return new Op(kind.get(), path, from, value);
    }

    private static String pointer(int i, JsonNode o, String member, String label) {
        String pointer = string(i, o, member, label);
        Optional<String> error = Pointers.syntaxError(pointer);
        if (error.isPresent()) {
            throw new InvalidPatchException(Problem.BAD_POINTER, i, "JSON Patch operation " + i + " (" + label + "): \""
                    + member + "\" \"" + pointer + "\" is no JSON Pointer: it " + error.get());
        }
        return pointer;
    }

    private static String string(int i, JsonNode o, String member, String label) {
        JsonNode v = o.get(member);
        if (v == null) {
            throw new InvalidPatchException(Problem.MISSING_MEMBER, i, "JSON Patch operation " + i + " (" + label
                    + ") has no \"" + member + "\" member");
        }
        if (!v.isTextual()) {
            throw new InvalidPatchException(Problem.NOT_A_STRING, i, "JSON Patch operation " + i + " (" + label + "): \""
                    + member + "\" must be a string, not " + v);
        }
        return v.textValue();
    }
}
