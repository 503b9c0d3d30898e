package io.deltachain.tests.processes;

import io.deltachain.api.DeltaException;
import io.deltachain.api.Limits;
import io.deltachain.core.DeltaChain;
import io.deltachain.core.DeltaCompressor;
import io.deltachain.core.Deltas;
import io.deltachain.core.DirectoryChainStore;
import io.deltachain.core.FsyncPolicy;
import io.deltachain.spi.StateFormat;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A writer process for the soak tests: opens (or creates) the chain in a directory and adds a writer's
 * {@link SoakStates}, one {@link DeltaChain#add} each. It prints, each line in one write to standard
 * output so that a line is either read whole or not at all:
 * <pre>
 * ready PID                  before the chain is opened (everything else is loaded)
 * ack INDEX SHA256           after add returned INDEX: version INDEX is acknowledged
 * done LENGTH                when every state is added
 * </pre>
 * Arguments are {@code name=value}: {@code dir}, {@code kind} ({@code json} or {@code binary}),
 * {@code seed}, {@code writer}, {@code count}, {@code snapshotEvery} (default 8), {@code lockTimeoutMs}
 * (default 30000). Exit code 0 when done; 1 on a {@link DeltaException} (its message on standard error,
 * one line), 3 on anything else.
 */
public final class ChainWriterProcess {
    private static final FileOutputStream OUT = new FileOutputStream(FileDescriptor.out);

    private ChainWriterProcess() {
    }

    /** @param args {@code name=value} pairs, see the class comment */
    public static void main(String[] args) {
        Map<String, String> a = new HashMap<>(Map.of("snapshotEvery", "8", "lockTimeoutMs", "30000"));
        for (String arg : args) {
            int eq = arg.indexOf('=');
            a.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        try {
            SoakStates kind = SoakStates.valueOf(a.get("kind").toUpperCase(Locale.ROOT));
            List<byte[]> states = kind.canonical(Long.parseLong(a.get("seed")), a.get("writer"),
                    Integer.parseInt(a.get("count")));
            DirectoryChainStore store = new DirectoryChainStore(Path.of(a.get("dir")), Limits.defaults(),
                    FsyncPolicy.always(), Duration.ofMillis(Long.parseLong(a.get("lockTimeoutMs"))));
            Deltas.registry();
            line("ready " + ProcessHandle.current().pid());
            int length = write(kind, kind.format(), store, Integer.parseInt(a.get("snapshotEvery")), states);
            line("done " + length);
            System.exit(0);
        } catch (DeltaException e) {
            System.err.println("writer: " + e.getClass().getSimpleName() + ": " + String.valueOf(e.getMessage())
                    .replace('\n', ' '));
            System.exit(1);
        } catch (Throwable e) {
            e.printStackTrace();
            System.exit(3);
        }
    }

    private static <S> int write(SoakStates kind, StateFormat<S> format, DirectoryChainStore store, int snapshotEvery,
                                 List<byte[]> states) throws IOException {
        DeltaCompressor<S> compressor = DeltaCompressor.builder(format).strategy(kind.strategy()).build();
        DeltaChain<S> chain = DeltaChain.builder(format).compressor(compressor).snapshotEvery(snapshotEvery)
                .store(store).openOrCreate();
        for (byte[] canonical : states) {
            int index = chain.add(format.fromBytes(canonical, Limits.defaults()));
            line("ack " + index + " " + SoakStates.sha256(canonical));
        }
        return chain.length();
    }

    /** One write(2) per line: a reader sees the whole line or none of it, even after SIGKILL. */
    private static void line(String text) throws IOException {
        OUT.write((text + "\n").getBytes(StandardCharsets.US_ASCII));
    }
}
