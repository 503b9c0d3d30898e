package io.deltachain.tests.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltachain.core.ChainPolicy;
import io.deltachain.core.ChainVerification;
import io.deltachain.core.DeltaChain;
import io.deltachain.core.Deltas;
import io.deltachain.core.DirectoryChainStore;
import io.deltachain.json.JsonFormats;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's chain snippet, as a program runs it: the first run creates the history, every later one reopens it. */
class ReadmeChainSnippetTest {
    private static final Map<String, Object> V0 = Map.of("name", "deltachain", "stars", 1);
    private static final Map<String, Object> V1 = Map.of("name", "deltachain", "stars", 2, "tags", "java");

    @TempDir
    Path home;

    /** The snippet, with {@code Path.of("state-history")} resolved in a temporary directory. */
    private DeltaChain<?> runSnippet() {
        DeltaChain<Map<String, Object>> chain = DeltaChain.builder(JsonFormats.map())
                .compressor(Deltas.compressor("dict", JsonFormats.map()))
                .policy(ChainPolicy.keepAll())                              // or rebaseAfter(n), mergeAfter(n)
                .store(new DirectoryChainStore(home.resolve("state-history")))   // or in memory (the default)
                .openOrCreate();
        chain.add(V0);
        chain.add(V1);
        Map<String, Object> first = chain.stateAt(0);
        ChainVerification check = chain.verify();                       // re-reads every CRC and hash
        DeltaChain<?> again = DeltaChain.open(new DirectoryChainStore(home.resolve("state-history")), Deltas.registry());
        assertEquals(V0, first);
        assertTrue(check.ok(), check.problems().toString());
        return again;
    }

    @Test
    void theSnippetRunsTwiceAndTheSecondRunAddsToTheFirstRunsHistory() {
        assertEquals(2, runSnippet().length());
        assertEquals(4, runSnippet().length());
    }
}
