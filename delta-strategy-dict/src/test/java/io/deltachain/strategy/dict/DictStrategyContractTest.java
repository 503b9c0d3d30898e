package io.deltachain.strategy.dict;

import io.deltachain.spi.DeltaStrategy;
import io.deltachain.testkit.DeltaStrategyContract;
import io.deltachain.testkit.StatePair;
import io.deltachain.testkit.StatePairs;
import java.util.LinkedHashMap;
import java.util.Map;

class DictStrategyContractTest extends DeltaStrategyContract<Map<String, Object>> {

    @Override
    protected DeltaStrategy<Map<String, Object>> strategy() {
        return new DictStrategy();
    }

    @Override
    protected StatePairs<Map<String, Object>> statePairs() {
        return random -> {
            Map<String, Object> base = RandomMaps.map(random, 3);
            return new StatePair<>(base, RandomMaps.edit(random, base, 3));
        };
    }

    @Override
    protected Map<String, Object> emptyState() {
        return new LinkedHashMap<>();
    }

    @Override
    protected boolean rejectsGarbage() {
        return true;
    }
}
