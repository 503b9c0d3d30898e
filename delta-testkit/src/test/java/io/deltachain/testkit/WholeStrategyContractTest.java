package io.deltachain.testkit;

import io.deltachain.spi.DeltaStrategy;

/** A correct strategy passes the whole contract, strict garbage checks included. */
class WholeStrategyContractTest extends DeltaStrategyContract<byte[]> {

    @Override
    protected DeltaStrategy<byte[]> strategy() {
        return new WholeStrategy();
    }

    @Override
    protected StatePairs<byte[]> statePairs() {
        return random -> RandomBytes.pair(random, 300);
    }

    @Override
    protected byte[] emptyState() {
        return new byte[0];
    }

    @Override
    protected boolean rejectsGarbage() {
        return true;
    }
}
