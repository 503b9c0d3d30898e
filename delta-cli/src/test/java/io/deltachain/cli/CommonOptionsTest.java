package io.deltachain.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltachain.api.Limits;
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
}
