package io.deltachain.testkit;

import io.deltachain.spi.DeltaStrategy;
import io.deltachain.api.StateFormats;

/** The contract works on non-byte states: a byte strategy over UTF-8 text passes it too. */
class WholeTextStrategyContractTest extends DeltaStrategyContract<String> {
    private static final String ALPHABET = "abc xyz\n\u00e9\u4e2d\ud83d\ude00";

    @Override
    protected DeltaStrategy<String> strategy() {
        return DeltaStrategy.overBytes(new WholeStrategy(), StateFormats.utf8());
    }

    @Override
    protected StatePairs<String> statePairs() {
        return random -> new StatePair<>(text(random), text(random));
    }

    @Override
    protected String emptyState() {
        return "";
    }

    @Override
    protected int iterations() {
        return 40;
    }

    private static String text(java.util.Random random) {
        StringBuilder text = new StringBuilder();
        int[] codePoints = ALPHABET.codePoints().toArray();
        for (int i = random.nextInt(80); i > 0; i--) {
            text.appendCodePoint(codePoints[random.nextInt(codePoints.length)]);
        }
        return text.toString();
    }
}
