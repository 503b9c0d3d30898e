package io.deltachain.cli;

import io.deltachain.api.DeltaException;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** The {@code delta} command: delta compression of files and file histories. */
@Command(name = "delta", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Delta compression of files and file histories, with verified integrity.",
        subcommands = {StrategiesCommand.class, DiffCommand.class, ApplyCommand.class, InspectCommand.class,
                ShowCommand.class, ChainCommand.class, DemoCommand.class, HelpCommand.class, CompletionCommand.class,
                ManPageCommand.class},
        footer = {"", "Exit codes: 0 success, 1 a delta error (corrupt patch, wrong base, failed verification,"
                + " unreadable input), 2 a usage error.",
                "Plug-ins: put strategy or codec jars in plugins/ or in the directory named by DELTA_PLUGINS."})
public final class DeltaCommand implements Runnable {
    /** Exit code of a delta error. */
    public static final int DELTA_ERROR = 1;
    /** Exit status when the reader of standard output closed it (128 + SIGPIPE, as a shell reports a tool it killed). */
    static final int READER_GONE = 141;
    /** Exit code of a usage error. */
    public static final int USAGE_ERROR = 2;

    @Spec
    CommandSpec spec;

    @Mixin(name = CommonOptions.MIXIN)
    CommonOptions common;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "no command given");
    }

    /**
     * Runs the command line.
     *
     * @param args the arguments
     * @return the exit code
     */
    public static int execute(String... args) {
        boolean verbose = java.util.Arrays.asList(args).contains("--verbose");
        PrintWriter err = new PrintWriter(System.err, true);
        CommandLine cl = commandLineFor(args);
        cl.setColorScheme(Help.defaultColorScheme(System.console() != null ? Help.Ansi.ON : Help.Ansi.OFF));
        cl.setErr(err);
        cl.setExpandAtFiles(false); // "@1704067200" is a --timestamp and "@new.txt" a file name, never an argument file
        cl.setParameterExceptionHandler((ex, a) -> {
            String unknownCommand = unknownCommand(ex);
            String unknownOption = unknownCommand != null ? null : UnknownOptions.describe(ex, a);
            err.println("delta: " + (unknownCommand != null ? unknownCommand : (unknownOption != null ? unknownOption
                    : ex.getMessage()) + " (see '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help')"));
            if (verbose) {
                ex.printStackTrace(err);
            }
            return USAGE_ERROR;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            if (ex instanceof io.deltachain.cli.internal.CliIo.ReaderGoneException) {
                return READER_GONE; // silent, as a tool killed by SIGPIPE
            }
            int code = ex instanceof UsageException || ex instanceof io.deltachain.api.DeltaConfigurationException
                    ? USAGE_ERROR : DELTA_ERROR;
            String message = ex instanceof DeltaException || ex instanceof UsageException ? Hints.forCommandLine(ex)
                    : ex.getClass().getSimpleName() + ": " + ex.getMessage();
            err.println("delta: " + oneLine(message)
                    + (code == USAGE_ERROR ? " (see '" + c.getCommandSpec().qualifiedName() + " --help')" : ""));
            if (verbose) {
                ex.printStackTrace(err);
            }
            return code;
        });
        String unknown = unknownCommandBeforeHelp(cl, args);
        if (unknown != null) {
            err.println("delta: " + unknown);
            return USAGE_ERROR;
        }
        return cl.execute(args);
    }

    /**
     * @return for a first word that is no command of a command that has commands (a typo such as
     *     {@code delta difff}), a message naming the nearest commands; else null
     */
    private static String unknownCommand(CommandLine.ParameterException ex) {
        if (!(ex instanceof CommandLine.UnmatchedArgumentException unmatched)
                || ex.getCommandLine().getSubcommands().isEmpty() || unmatched.getUnmatched().isEmpty()
                || unmatched.getUnmatched().get(0).startsWith("-")) {
            return null;
        }
        CommandLine at = ex.getCommandLine();
        String name = at.getCommandSpec().qualifiedName();
        List<String> near = unmatched.getSuggestions();
        return "'" + name + "' has no command '" + unmatched.getUnmatched().get(0) + "'"
                + (near.isEmpty() ? "" : "; did you mean " + String.join(" or ", near.stream().limit(3)
                .map(s -> "'" + s + "'").toList()) + "?") + " (its commands: " + String.join(", ",
                at.getSubcommands().keySet()) + ")";
    }

    /**
     * picocli prints the nearest command's help for {@code --help} and ignores words it did not match,
     * so {@code delta chain upgrade --help} would exit 0 as if {@code upgrade} existed.
     *
     * @return the message for the first unmatched word of a command line that asks for help, or null
     */
    private static String unknownCommandBeforeHelp(CommandLine cl, String[] args) {
        if (!java.util.Arrays.asList(args).contains("--help") && !java.util.Arrays.asList(args).contains("-h")) {
            return null;
        }
        try {
            CommandLine.ParseResult parsed = cl.parseArgs(args);
            while (parsed.hasSubcommand()) {
                parsed = parsed.subcommand();
            }
            String name = parsed.commandSpec().qualifiedName();
            return parsed.unmatched().isEmpty() ? null : "'" + name + "' has no command or argument '"
                    + parsed.unmatched().get(0) + "' (see '" + name + " --help')";
        } catch (CommandLine.ParameterException e) {
            return null; // execute reports it
        }
    }

    /**
     * The whole command tree, or, when the command line names a command that needs no other, that
     * command alone as a subcommand of a bare {@code delta} that carries the common options:
     * picocli builds every command it is given by reflection, and every shell use pays for it.
     */
    private static CommandLine commandLineFor(String[] args) {
        Object single = switch (commandName(args)) {
            case "diff" -> new DiffCommand();
            case "apply" -> new ApplyCommand();
            case "inspect" -> new InspectCommand();
            case "show" -> new ShowCommand();
            case "strategies" -> new StrategiesCommand();
            case "chain" -> new ChainCommand();
            default -> null;
        };
        if (single == null) {
            return new CommandLine(new DeltaCommand());
        }
        CommandSpec bare = CommandSpec.create().name("delta");
        bare.addMixin(CommonOptions.MIXIN, CommandSpec.forAnnotatedObject(new CommonOptions()));
        CommandLine root = new CommandLine(bare);
        root.addSubcommand(single);
        return root;
    }

    /** The first argument that is not a common option or its value; empty when there is none. */
    private static String commandName(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (CommonOptions.VALUED.contains(arg)) {
                i++;
            } else if (!arg.equals("--verbose")
                    && CommonOptions.VALUED.stream().noneMatch(option -> arg.startsWith(option + "="))) {
                return arg;
            }
        }
        return "";
    }

    private static String oneLine(String message) {
        return String.valueOf(message).replace('\n', ' ').replace('\r', ' ');
    }
}
