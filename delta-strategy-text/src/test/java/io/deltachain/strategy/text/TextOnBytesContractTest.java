package io.deltachain.strategy.text;

import io.deltachain.api.StateFormats;
import io.deltachain.spi.DeltaStrategy;
import io.deltachain.testkit.DeltaStrategyContract;
import io.deltachain.testkit.StatePair;
import io.deltachain.testkit.StatePairs;

/** The same contract for {@code text} on {@code bytes} states (files and byte chains). */
class TextOnBytesContractTest extends DeltaStrategyContract<byte[]> {
    @Override
    protected DeltaStrategy<byte[]> strategy() {
        return new TextStrategy().on(StateFormats.bytes()).orElseThrow();
    }

    @Override
    protected StatePairs<byte[]> statePairs() {
        return random -> {
            String base = Texts.text(random, 40);
            return new StatePair<>(Texts.utf8(base), Texts.utf8(Texts.edit(random, base, random.nextInt(6))));
        };
    }

    @Override
    protected byte[] emptyState() {
        return new byte[0];
    }

    @Override
    protected boolean rejectsGarbage() {
        return true;
    }

    @Override
    protected int iterations() {
        return 30;
    }
}
