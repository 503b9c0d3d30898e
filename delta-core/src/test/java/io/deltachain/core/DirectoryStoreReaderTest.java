package io.deltachain.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltachain.api.DeltaRegistry;
import io.deltachain.api.Limits;
import io.deltachain.api.StateFormats;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A reader that a rewrite overtakes between the manifest and the files it names reads the new head. */
class DirectoryStoreReaderTest {
    private final DeltaRegistry registry = Fixtures.registry(new Fixtures.SuffixStrategy("suffix"));

    private DeltaChain<String> writer(Path dir) {
        DeltaChain<String> chain = DeltaChain.builder(StateFormats.utf8())
                .compressor(DeltaCompressor.builder(StateFormats.utf8()).registry(registry).strategy("suffix").build())
                .store(new DirectoryChainStore(dir)).build();
        chain.add("a");
        chain.add("ab");
        chain.add("abc");
        return chain;
    }

    /** The files of {@code dir}, with {@code beforeIndexRead} run once, just before the first read of an index. */
    private static StoreFiles racing(Runnable beforeIndexRead) {
        AtomicBoolean fired = new AtomicBoolean();
        return (StoreFiles) Proxy.newProxyInstance(StoreFiles.class.getClassLoader(), new Class<?>[] {StoreFiles.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("read") && args[0].toString().endsWith(".didx")
                            && fired.compareAndSet(false, true)) {
                        beforeIndexRead.run();
                    }
                    try {
                        return method.invoke(StoreFiles.NIO, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static DirectoryChainStore reader(Path dir, StoreFiles files) {
        return new DirectoryChainStore(dir, Limits.defaults(), FsyncPolicy.always(), Duration.ofSeconds(1), files);
    }

    @Test
    void readManifestFollowsARewriteThatDeletedTheGenerationItWasReading(@TempDir Path dir) {
        DeltaChain<String> writer = writer(dir);
        AtomicBoolean rewritten = new AtomicBoolean();
        DirectoryChainStore reader = reader(dir, racing(() -> {
            writer.rebaseline(); // commits generation g+1 and deletes g, whose manifest the reader has just read
            rewritten.set(true);
        }));
        ChainManifest head = reader.readManifest().orElseThrow();
        assertTrue(rewritten.get(), "the rewrite ran between the reader's manifest and its index");
        assertEquals(1, head.length());
        assertEquals(1, head.rebaselines());
        assertEquals("abc", DeltaChain.open(reader, registry, StateFormats.utf8()).stateAt(0));
    }

    @Test
    void aLostIndexStillFailsNamingTheFile(@TempDir Path dir) throws IOException {
        writer(dir);
        Path index;
        try (Stream<Path> files = Files.list(dir)) {
            index = files.filter(p -> p.toString().endsWith(".didx")).findFirst().orElseThrow();
        }
        Files.delete(index);
        io.deltachain.api.CorruptDeltaException e = assertThrows(io.deltachain.api.CorruptDeltaException.class,
                () -> reader(dir, StoreFiles.NIO).readManifest());
        assertTrue(e.getMessage().contains(index + " is missing") && e.getMessage().contains("delta chain salvage"),
                e.getMessage());
    }
}
