package io.deltachain.strategy.jsonpatch.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * An {@code ArrayNode} over {@link Elements}, which {@link Trees#copy} makes, so that the applier can
 * ask what an edit costs before it makes it. Behaves as Jackson's own array node in every other way.
 */
final class EditableArray extends ArrayNode {
    private static final long serialVersionUID = 1L;
    private final transient Elements elements;

    EditableArray(Elements elements) {
        super(JsonNodeFactory.instance, elements);
        this.elements = elements;
    }

    /**
     * @param index where an element is inserted or removed
     * @return how many elements the edit moves
     */
    int editCost(int index) {
        return elements.distanceTo(index);
    }
}
