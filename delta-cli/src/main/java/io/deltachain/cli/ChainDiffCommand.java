package io.deltachain.cli;

import io.deltachain.api.DeltaException;
import io.deltachain.cli.internal.CliIo;
import io.deltachain.core.DamagedVersionException;
import io.deltachain.core.DeltaChain;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code delta chain diff DIR I J}: what changed between two versions, for people. */
@Command(name = "diff", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Print what changes from version I to version J (negative counts from the end; J may come"
                + " before I): the two versions diffed afresh and rendered by the chain's strategy, or, when it renders"
                + " none, by the installed strategy with the smallest delta that does.",
                "Text: a unified diff with three lines of context and '--- DIR@I', '+++ DIR@J' as its names, so that"
                + " 'patch FILE' turns a copy of version I into version J. JSON maps: one line per changed key"
                + " (+ added, - removed, ~ changed).",
                "Nothing is printed when the two versions are equal; exit code 1 when no strategy renders the change"
                + " (binary files)."})
final class ChainDiffCommand implements Callable<Integer> {
    @Mixin
    ChainCommand.ChainDir chainDir;

    @Mixin
    ColorOption color;

    @Parameters(index = "1", paramLabel = "I", description = "The older version.")
    int from;

    @Parameters(index = "2", paramLabel = "J", description = "The newer version.")
    int to;

    @Override
    public Integer call() {
        DeltaChain<?> chain = chainDir.open();
        int i = ChainCommand.index(chain, from);
        int j = ChainCommand.index(chain, to);
        Optional<String> change;
        try {
            change = chain.describeChange(i, j);
        } catch (DamagedVersionException e) {
            throw ChainCommand.damaged(chainDir.dir, e);
        }
        if (change.isEmpty()) {
            throw new DeltaException("no installed strategy renders the change from version " + i + " to " + j + " of "
                    + chain.stateFormat().id() + " states; 'delta chain delta " + chainDir.dir + " " + i + " " + j
                    + "' writes it as a record, 'delta chain get' writes the versions");
        }
        if (change.get().isEmpty()) {
            return 0;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("--- " + chainDir.dir + "@" + i + "\n+++ " + chainDir.dir + "@" + j + "\n")
                .getBytes(StandardCharsets.UTF_8));
        out.writeBytes(change.get().getBytes(StandardCharsets.UTF_8));
        CliIo.write(null, color.apply(null, out.toByteArray()));
        return 0;
    }
}
