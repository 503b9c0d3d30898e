package io.deltachain.strategy.jsonpatch.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deltachain.api.UnsupportedDeltaOperationException;
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
        if (!target.isObject()) {
            return target;
        }
        if (!base.isObject()) {
            requireNoNullMembers(target, "");
            return target;
        }
        return objectDiff(base, target, "");
    }

    private static ObjectNode objectDiff(JsonNode a, JsonNode b, String path) {
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
                throw cannotSetNull(where);
            }
            if (to.isObject() && was != null && was.isObject()) {
                patch.set(name, objectDiff(was, to, where));
            } else {
                if (to.isObject()) {
                    requireNoNullMembers(to, where);
                }
                patch.set(name, to);
            }
        }
        return patch;
    }

    private static void requireNoNullMembers(JsonNode object, String path) {
        for (Map.Entry<String, JsonNode> e : object.properties()) {
            String where = Pointers.member(path, e.getKey());
            if (e.getValue().isNull()) {
                throw cannotSetNull(where);
            }
            if (e.getValue().isObject()) {
                requireNoNullMembers(e.getValue(), where);
            }
        }
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
}
