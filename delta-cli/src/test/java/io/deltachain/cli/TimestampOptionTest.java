package io.deltachain.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TimestampOptionTest {
    @Test
    void sourceDateEpochFixesTheClock() {
        assertEquals(Instant.EPOCH, TimestampOption.clock(null, Map.of("SOURCE_DATE_EPOCH", "0")).instant());
        assertEquals(Instant.ofEpochSecond(1700000000),
                TimestampOption.clock(null, Map.of("SOURCE_DATE_EPOCH", "1700000000")).instant());
    }

    @Test
    void theOptionWinsOverTheEnvironment() {
        assertEquals(Instant.ofEpochSecond(86400),
                TimestampOption.clock("@86400", Map.of("SOURCE_DATE_EPOCH", "0")).instant());
        assertEquals(Instant.parse("2024-05-01T10:00:00Z"), TimestampOption.clock("2024-05-01T12:00:00+02:00", Map.of())
                .instant());
        assertEquals(Instant.parse("2024-05-01T12:00:00Z"), TimestampOption.clock("2024-05-01T12:00:00Z", Map.of())
                .instant());
    }

    @Test
    void withNeitherTheSystemClockStamps() {
        assertEquals(Clock.systemUTC(), TimestampOption.clock(null, Map.of()));
        assertEquals(Clock.systemUTC(), TimestampOption.clock(null, Map.of("SOURCE_DATE_EPOCH", "")));
    }

    @Test
    void malformedTimesAreUsageErrors() {
        for (String bad : new String[] {"yesterday", "@soon", "2024-13-01T00:00:00Z"}) {
            UsageException e = assertThrows(UsageException.class, () -> TimestampOption.clock(bad, Map.of()));
            assertTrue(e.getMessage().contains("@SECONDS"), e.getMessage());
        }
        for (String bad : new String[] {"-1", "1.5", "now"}) {
            UsageException e = assertThrows(UsageException.class,
                    () -> TimestampOption.clock(null, Map.of("SOURCE_DATE_EPOCH", bad)));
            assertTrue(e.getMessage().startsWith("SOURCE_DATE_EPOCH"), e.getMessage());
        }
    }
}
