package io.deltachain.strategy.text;

import io.deltachain.spi.DeltaStrategy;
import io.deltachain.testkit.DeltaStrategyContract;
import io.deltachain.testkit.StatePair;
import io.deltachain.testkit.StatePairs;

class TextStrategyContractTest extends DeltaStrategyContract<String> {
    @Override
    protected DeltaStrategy<String> strategy() {
        return new TextStrategy();
    }

    @Override
    protected StatePairs<String> statePairs() {
        return random -> {
            String base = Texts.text(random, random.nextInt(4) == 0 ? 3 : 60);
            String target = random.nextInt(6) == 0 ? Texts.text(random, 20) : Texts.edit(random, base, random.nextInt(8));
            return new StatePair<>(base, target);
        };
    }

    @Override
    protected String emptyState() {
        return "";
    }

    @Override
    protected boolean rejectsGarbage() {
        return true;
    }

    @Override
    protected int iterations() {
        return 60;
    }
}
