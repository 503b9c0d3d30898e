package io.deltachain.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltachain.core.ChainStore;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class LockTimeoutOptionTest {
    @Test
    void millisecondsSecondsAndMinutesAndABareNumberIsSeconds() {
        assertEquals(Duration.ofMillis(500), LockTimeoutOption.parse("500ms"));
        assertEquals(Duration.ofSeconds(30), LockTimeoutOption.parse("30s"));
        assertEquals(Duration.ofMinutes(2), LockTimeoutOption.parse("2m"));
        assertEquals(Duration.ofSeconds(7), LockTimeoutOption.parse("7"));
        assertEquals(Duration.ZERO, LockTimeoutOption.parse("0"));
    }

    @Test
    void anythingElseIsAUsageErrorThatShowsTheForm() {
        for (String bad : List.of("", "-1", "1h", "1.5s", "soon", "30 s", "1234567890s")) {
            UsageException e = assertThrows(UsageException.class, () -> LockTimeoutOption.parse(bad));
            assertTrue(e.getMessage().contains("500ms, 30s or 2m"), e.getMessage());
        }
    }

    @Test
    void theDefaultIsTheLibrarysAndEveryChainCommandThatWritesTakesTheOption() {
        assertEquals(ChainStore.DEFAULT_LOCK_TIMEOUT, LockTimeoutOption.parse(LockTimeoutOption.DEFAULT));
        for (Object writes : List.of(new ChainCommand.Init(), new ChainCommand.Add(), new ChainCommand.AddRecord(),
                new ChainCommand.Rebaseline(), new ChainCommand.Clear())) {
            String help = new CommandLine(writes).getUsageMessage(CommandLine.Help.Ansi.OFF);
            assertTrue(help.contains("--lock-timeout=DURATION"), help);
            assertTrue(help.replaceAll("\\s+", " ").contains("default: 30s"), help);
        }
        for (Object reads : List.of(new ChainCommand.Get(), new ChainCommand.Log(), new ChainCommand.Verify())) {
            assertTrue(!new CommandLine(reads).getUsageMessage().contains("--lock-timeout"), "readers take no lock");
        }
    }
}
