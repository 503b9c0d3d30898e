package io.deltachain.strategy.jsonpatch.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deltachain.api.StateMismatchException;
import io.deltachain.api.UnsupportedDeltaOperationException;
import java.util.List;
import java.util.Map;

/**
 * RFC 7396 JSON Merge Patch: written from two trees and applied to one. A merge patch is a JSON
 * value; an object merges member by member ({@code null} removes a member), anything else replaces
 * the target whole. It follows that a merge patch cannot set a member to {@code null} and cannot
 * edit an array in place (arrays are replaced whole). Stateless.
 */
public final class MergePatch {
    private MergePatch() {
    }

    /**
     * @param base the old tree
     * @param target the new tree
     * @return a merge patch from {@code base} to {@code target}
     * @throws UnsupportedDeltaOperationException when {@code target} has a {@code null} member that
     *     {@code base} does not have there (RFC 7396 cannot express it), naming its JSON Pointer
     */
    public static JsonNode diff(JsonNode base, JsonNode target) {
        return diff(base, target, null);
    }

    /**
     * As {@link #diff(JsonNode, JsonNode)}, but a {@code null} member RFC 7396 cannot set is left out
     * of the patch (removed there when the base has another value) and its pointer added to
     * {@code nulls}, for {@link #setNulls} to set after the merge.
     *
     * @param base the old tree
     * @param target the new tree
     * @param nulls where to collect the pointers of null members to set, or null to refuse them
     * @return the merge patch
     */
    public static JsonNode diff(JsonNode base, JsonNode target, List<String> nulls) {
        if (!target.isObject()) {
            return target;
        }
        if (!base.isObject()) {
            return withoutNullMembers(target, "", nulls);
        }
        return objectDiff(base, target, "", nulls);
    }

    private static ObjectNode objectDiff(JsonNode a, JsonNode b, String path, List<String> nulls) {
        ObjectNode patch = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, JsonNode> e : a.properties()) {
            if (!b.has(e.getKey())) {
                patch.set(e.getKey(), NullNode.getInstance());
            }
        }
        for (Map.Entry<String, JsonNode> e : b.properties()) {
            String name = e.getKey();
            JsonNode to = e.getValue();
            JsonNode was = a.get(name);
            if (was != null && Trees.equal(was, to)) {
                continue;
            }
            String where = Pointers.member(path, name);
            if (to.isNull()) {
                if (nulls == null) {
                    throw cannotSetNull(where);
                }
                nulls.add(where);
                if (was != null) {
                    patch.set(name, NullNode.getInstance()); // remove the old value; the null is set after the merge
                }
            } else if (to.isObject() && was != null && was.isObject()) {
                patch.set(name, objectDiff(was, to, where, nulls));
            } else {
                patch.set(name, to.isObject() ? withoutNullMembers(to, where, nulls) : to);
            }
        }
        return patch;
    }

    /** An object to merge into nothing: its null members cannot be written, so they are refused or collected. */
    private static JsonNode withoutNullMembers(JsonNode object, String path, List<String> nulls) {
        ObjectNode copy = null;
        for (Map.Entry<String, JsonNode> e : object.properties()) {
            String where = Pointers.member(path, e.getKey());
            JsonNode v = e.getValue();
            JsonNode kept = v;
            if (v.isNull()) {
                if (nulls == null) {
                    throw cannotSetNull(where);
                }
                nulls.add(where);
                kept = null;
            } else if (v.isObject()) {
                kept = withoutNullMembers(v, where, nulls);
            }
            if (kept != v && copy == null) {
                copy = JsonNodeFactory.instance.objectNode();
                for (Map.Entry<String, JsonNode> before : object.properties()) {
                    if (before.getKey().equals(e.getKey())) {
                        break;
                    }
                    copy.set(before.getKey(), before.getValue());
                }
            }
            if (copy != null && kept != null) {
                copy.set(e.getKey(), kept);
            }
        }
        return copy != null ? copy : object;
    }

    /**
     * Sets each pointer's member to {@code null}, in order; each parent must be an object.
     *
     * @param document a merged document (owned by the caller, changed in place)
     * @param nulls the pointers {@link #diff(JsonNode, JsonNode, List)} collected
     * @return the document
     * @throws io.deltachain.api.StateMismatchException when a pointer's parent is not an object there
     */
    public static JsonNode setNulls(JsonNode document, List<String> nulls) {
        for (String pointer : nulls) {
            String[] tokens = Pointers.tokens(pointer);
            JsonNode parent = document;
            for (int i = 0; i < tokens.length - 1 && parent != null; i++) {
                parent = parent.isObject() ? parent.get(tokens[i]) : null;
            }
            if (tokens.length == 0 || parent == null || !parent.isObject()) {
                throw new StateMismatchException("merge-patch payload sets \"" + pointer + "\" to null, but the merged"
                        + " document has no object there (the payload was made from another base?)");
            }
            ((ObjectNode) parent).set(tokens[tokens.length - 1], NullNode.getInstance());
        }
        return document;
    }

    private static UnsupportedDeltaOperationException cannotSetNull(String pointer) {
        return new UnsupportedDeltaOperationException("merge-patch cannot set \"" + pointer + "\" to null: RFC 7396 reads"
                + " a null member as 'remove'; use the json-patch strategy for this document");
    }

    /**
     * @param document the tree to patch; never modified
     * @param patch a merge patch
     * @return the patched tree, sharing no container with {@code document} or {@code patch}
     */
    public static JsonNode apply(JsonNode document, JsonNode patch) {
        if (!patch.isObject()) {
            return Trees.copy(patch);
        }
        ObjectNode result = document.isObject() ? (ObjectNode) Trees.copy(document) : JsonNodeFactory.instance.objectNode();
        merge(result, patch);
        return result;
    }

    private static void merge(ObjectNode target, JsonNode patch) {
        for (Map.Entry<String, JsonNode> e : patch.properties()) {
            JsonNode value = e.getValue();
            if (value.isNull()) {
                target.remove(e.getKey());
            } else if (value.isObject()) {
                JsonNode existing = target.get(e.getKey());
                ObjectNode into = existing != null && existing.isObject() ? (ObjectNode) existing
                        : JsonNodeFactory.instance.objectNode();
                merge(into, value);
                target.set(e.getKey(), into);
            } else {
                target.set(e.getKey(), Trees.copy(value));
            }
        }
    }

    /**
     * Renders a merge patch for people, one line per member it sets or removes ({@code describe}):
     * {@code set /a 5}, {@code remove /b}; objects are walked into, so a line names a leaf of the
     * patch. With the base, a member set is {@code add} when the base lacks it and {@code replace
     * ... (was old)} when the base has it, a member removed shows its old value, and members the
     * merge leaves as they were are not listed. A patch that is not an object replaces the document:
     * {@code replace "" value}.
     *
     * @param patch the merge patch
     * @param nulls pointers of members set to {@code null} after the merge
     * @param base the document the patch applies to, or null when unknown
     * @return the lines, each ended by a newline
     */
    public static String describe(JsonNode patch, List<String> nulls, JsonNode base) {
        StringBuilder out = new StringBuilder();
        if (!patch.isObject()) {
            line(out, base == null ? "set" : "replace", "", patch, base);
        } else {
            if (base != null && !base.isObject()) {
                line(out, "replace", "", JsonNodeFactory.instance.objectNode(), base);
            }
            describe(patch, "", base == null ? null : base.isObject() ? base : MISSING_OBJECT, base != null, out);
        }
        for (String pointer : nulls) {
            JsonNode old = base == null ? null : base.at(pointer);
            String verb = base == null ? "set" : old.isMissingNode() ? "add" : "replace";
            line(out, verb, pointer, NullNode.getInstance(), old == null || old.isMissingNode() ? null : old);
        }
        return out.toString();
    }

    /** Stands for a base member that is absent or not an object, into which the patch merges a new object. */
    private static final JsonNode MISSING_OBJECT = JsonNodeFactory.instance.objectNode();

    private static void describe(JsonNode patch, String path, JsonNode base, boolean known, StringBuilder out) {
        for (Map.Entry<String, JsonNode> e : patch.properties()) {
            String where = Pointers.member(path, e.getKey());
            JsonNode value = e.getValue();
            JsonNode old = known ? base.get(e.getKey()) : null;
            if (value.isNull()) {
                if (!known || old != null) {
                    line(out, "remove", where, null, old);
                }
            } else if (value.isObject() && !(value.isEmpty() && (!known || old == null || !old.isObject()))) {
                if (known && old != null && !old.isObject()) {
                    line(out, "replace", where, JsonNodeFactory.instance.objectNode(), old);
                } else if (known && old == null) {
                    line(out, "add", where, JsonNodeFactory.instance.objectNode(), null);
                }
                describe(value, where, known && old != null && old.isObject() ? old : MISSING_OBJECT, known, out);
            } else {
                line(out, !known ? "set" : old == null ? "add" : "replace", where, value, old);
            }
        }
    }

    private static void line(StringBuilder out, String verb, String pointer, JsonNode value, JsonNode old) {
        out.append(verb).append(' ').append(Rendering.pointer(pointer));
        if (value != null) {
            out.append(' ').append(Rendering.value(value, Rendering.MAX_VALUE_CHARS));
        }
        if (old != null) {
            out.append(" (was ").append(Rendering.value(old, Rendering.MAX_VALUE_CHARS)).append(')');
        }
        out.append('\n');
    }
}
