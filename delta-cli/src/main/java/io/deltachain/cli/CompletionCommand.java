package io.deltachain.cli;

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
        System.out.print(AutoComplete.bash("delta", spec.root().commandLine()));
        System.out.flush();
        return 0;
    }
}
