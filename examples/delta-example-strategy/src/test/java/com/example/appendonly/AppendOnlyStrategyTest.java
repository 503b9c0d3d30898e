package com.example.appendonly;

import io.deltachain.spi.DeltaStrategy;
import io.deltachain.testkit.DeltaStrategyContract;
import io.deltachain.testkit.StatePair;
import io.deltachain.testkit.StatePairs;
import java.util.Arrays;

/** The contract kit run on a user's strategy, exactly as the README tells users to do it. */
class AppendOnlyStrategyTest extends DeltaStrategyContract<byte[]> {

    @Override
    protected DeltaStrategy<byte[]> strategy() {
        return new AppendOnlyStrategy();
    }

    @Override
    protected StatePairs<byte[]> statePairs() {
        return random -> {
            byte[] base = new byte[random.nextInt(200)];
            random.nextBytes(base);
            byte[] target = Arrays.copyOf(base, base.length + random.nextInt(50));
            for (int i = base.length; i < target.length; i++) {
                target[i] = (byte) random.nextInt();
            }
            return new StatePair<>(base, target);
        };
    }

    @Override
    protected byte[] emptyState() {
        return new byte[0];
    }
}
