package io.deltachain.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code delta help [COMMAND [SUBCOMMAND]]}: the same text as {@code --help} of that command. picocli's
 * own {@code HelpCommand} looks one level down only ({@code help chain log} would show {@code chain}'s).
 */
@Command(name = "help", helpCommand = true, versionProvider = Version.class,
        description = "Show the help of delta, of a COMMAND, or of a chain SUBCOMMAND (delta help chain log).")
final class HelpCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "COMMAND", arity = "0..2", description = "A command, then a subcommand.")
    List<String> names = new ArrayList<>();

    @Override
    public Integer call() {
        CommandLine target = spec.root().commandLine();
        for (String name : names) {
            CommandLine next = target.getSubcommands().get(name);
            if (next == null) {
                throw new ParameterException(spec.commandLine(), "'" + target.getCommandSpec().qualifiedName() + "' has"
                        + " no command '" + name + "'; its commands: " + String.join(", ", target.getSubcommands().keySet()));
            }
            target = next;
        }
        target.usage(System.out, spec.root().commandLine().getColorScheme());
        return 0;
    }
}
