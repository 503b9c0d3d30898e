package io.deltachain.strategy.zstdpatch;

import io.deltachain.spi.DeltaStrategy;
import io.deltachain.testkit.DeltaStrategyContract;
import io.deltachain.testkit.StatePair;
import io.deltachain.testkit.StatePairs;

class ZstdPatchStrategyContractTest extends DeltaStrategyContract<byte[]> {
    @Override
    protected DeltaStrategy<byte[]> strategy() {
        return new ZstdPatchStrategy();
    }

    @Override
    protected StatePairs<byte[]> statePairs() {
        return random -> {
            byte[] base = switch (random.nextInt(4)) {
                case 0 -> Inputs.random(random, random.nextInt(3));
                case 1 -> Inputs.random(random, random.nextInt(2000));
                default -> Inputs.structured(random, random.nextInt(5000));
            };
            byte[] target = random.nextInt(5) == 0 ? Inputs.random(random, random.nextInt(500))
                    : Inputs.edited(random, base, random.nextInt(10));
            return new StatePair<>(base, target);
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
        return 40;
    }
}
