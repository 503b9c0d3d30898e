package io.deltachain.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltachain.api.Limit;
import io.deltachain.api.LimitExceededException;
import io.deltachain.api.Limits;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommonOptionsTest {
    private static Limits limits(String maxSize) {
        CommonOptions options = new CommonOptions();
        options.maxSize = maxSize;
        return options.limits();
    }

    @Test
    void twoGigabytesIsTheLargestJavaArray() {
        assertEquals(Integer.MAX_VALUE, limits("2G").maxStateBytes());
        assertEquals(Integer.MAX_VALUE, limits("2g").maxPayloadBytes());
        assertEquals(Integer.MAX_VALUE, limits("2048M").maxStateBytes());
        assertEquals(Integer.MAX_VALUE, limits(String.valueOf(Integer.MAX_VALUE)).maxStateBytes());
    }

    @Test
    void aboveTwoGigabytesIsAUsageError() {
        UsageException e = assertThrows(UsageException.class, () -> limits("2147483649"));
        assertTrue(e.getMessage().contains("above 2G"), e.getMessage());
        assertThrows(UsageException.class, () -> limits("3G"));
    }

    @Test
    void smallerSizesAreTakenAsGiven() {
        assertEquals(1L << 20, limits("1M").maxStateBytes());
        assertEquals(Limits.defaults(), limits(null));
    }

    @Test
    void maxRatioSetsTheExpansionRatioAndKeepsTheSizes() {
        CommonOptions options = new CommonOptions();
        options.maxRatio = 100;
        assertEquals(Limits.defaults().withMaxExpansionRatio(100), options.limits());
        options.maxSize = "1M";
        assertEquals(100, options.limits().maxExpansionRatio());
        assertEquals(1L << 20, options.limits().maxStateBytes());
        options.maxRatio = 0;
        assertThrows(UsageException.class, options::limits);
    }

    @Test
    void theJsonOptionsSetTheirOwnLimitAndNoOther() {
        CommonOptions options = new CommonOptions();
        options.maxJsonDepth = 50;
        assertEquals(Limits.defaults().withMaxJsonDepth(50), options.limits());
        options.maxJsonDepth = null;
        options.maxNumberLength = 30;
        assertEquals(Limits.defaults().withMaxNumberLength(30), options.limits());
        options.maxNumberLength = null;
        options.maxNumberExponent = 7;
        assertEquals(Limits.defaults().withMaxNumberExponent(7), options.limits());
        options.maxJsonDepth = 2000;
        options.maxSize = "1M";
        assertEquals(Limits.defaults().withMaxNumberExponent(7).withMaxJsonDepth(2000).withMaxPayloadBytes(1 << 20)
                .withMaxStateBytes(1 << 20), options.limits());
        for (String option : List.of("depth", "length", "exponent")) {
            CommonOptions bad = new CommonOptions();
            switch (option) {
                case "depth" -> bad.maxJsonDepth = 0;
                case "length" -> bad.maxNumberLength = -1;
                default -> bad.maxNumberExponent = 0;
            }
            UsageException e = assertThrows(UsageException.class, bad::limits);
            assertTrue(e.getMessage().contains("--max-" + (option.equals("depth") ? "json-depth" : "number-" + option))
                    && e.getMessage().contains("must be 1 or more"), e.getMessage());
        }
    }

    @Test
    void everyLimitsHintNamesTheOptionThatChangesThatLimit() {
        Map<Limit, String> options = Map.of(Limit.PAYLOAD_BYTES, "--max-size", Limit.STATE_BYTES, "--max-size",
                Limit.EXPANSION_RATIO, "--max-ratio", Limit.JSON_DEPTH, "--max-json-depth",
                Limit.NUMBER_LENGTH, "--max-number-length", Limit.NUMBER_EXPONENT, "--max-number-exponent");
        for (Limit limit : Limit.values()) {
            String advice = Hints.advice(limit);
            String option = options.get(limit);
            if (option == null) {
                assertTrue(limit.limitsField().isEmpty() && !advice.contains("--max-"), limit + ": " + advice);
                continue;
            }
            assertTrue(advice.contains("raise it with " + option + " "), limit + ": " + advice);
            for (String other : options.values()) {
                assertTrue(other.equals(option) || !advice.contains(other), limit + " names " + other + ": " + advice);
            }
            String line = Hints.forCommandLine(new LimitExceededException(limit, 2, 1, "too much"));
            assertEquals("too much; " + advice, line);
        }
    }
}
