package io.deltachain.cli;

import io.deltachain.cli.internal.CliIo;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Prints a shell completion script generated from the command's own model. */
@Command(name = "completion", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Print a completion script for bash and zsh, generated from the command's options.",
                "Load it in the current shell with: source <(./delta completion)",
                "or keep it: ./delta completion > ~/.local/share/bash-completion/completions/delta"})
final class CompletionCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        // through the command's writer: a reader that closes the pipe early (| head) ends it quietly, exit 141
        CliIo.write("-", AutoComplete.bash("delta", spec.root().commandLine())
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return 0;
    }
}
