package io.deltachain.strategy.jsonpatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.deltachain.spi.DeltaStrategy;
import io.deltachain.testkit.DeltaStrategyContract;
import io.deltachain.testkit.StatePair;
import io.deltachain.testkit.StatePairs;

/** Documents without null members: the native RFC 7396 patch cannot set one (records can: MergePatchTest). */
class MergePatchStrategyContractTest extends DeltaStrategyContract<JsonNode> {
    private static final RandomTrees TREES = new RandomTrees(false);

    @Override
    protected DeltaStrategy<JsonNode> strategy() {
        return new MergePatchStrategy();
    }

    @Override
    protected StatePairs<JsonNode> statePairs() {
        return random -> {
            JsonNode base = TREES.document(random);
            return new StatePair<>(base, TREES.edit(random, base, 3));
        };
    }

    @Override
    protected JsonNode emptyState() {
        return JsonNodeFactory.instance.objectNode();
    }
}
