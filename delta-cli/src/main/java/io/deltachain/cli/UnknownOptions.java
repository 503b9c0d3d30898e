package io.deltachain.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Names a mistyped option first, with the options it is nearest to: picocli reports missing
 * parameters before unknown options, so {@code delta diff --hlep} would say that OLD and NEW are
 * missing, and an unknown option alone gets no suggestion.
 */
final class UnknownOptions {
    private UnknownOptions() {
    }

    /**
     * @param ex what picocli refused
     * @param args the whole command line
     * @return "unknown option '--hlep'; did you mean '--help'?", or null when every option word is known
     */
    static String describe(CommandLine.ParameterException ex, String[] args) {
        if (!(ex instanceof CommandLine.MissingParameterException || ex instanceof CommandLine.UnmatchedArgumentException)) {
            return null;
        }
        CommandSpec spec = ex.getCommandLine().getCommandSpec();
        for (String arg : args) {
            if (arg.equals("--")) {
                return null; // what follows is operands
            }
            if (!arg.startsWith("-") || arg.equals("-") || isNumber(arg)) {
                continue;
            }
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (!known(spec, name)) {
                List<String> near = name.startsWith("--") ? nearest(spec, name) : List.of(); // -x is near every -y
                return "unknown option '" + name + "'" + (near.isEmpty() ? "" : "; did you mean "
                        + String.join(" or ", near.stream().map(n -> "'" + n + "'").toList()) + "?");
            }
        }
        return null;
    }

    private static boolean known(CommandSpec spec, String name) {
        for (CommandSpec at = spec; at != null; at = at.parent()) {
            if (at.findOption(name) != null) {
                return true;
            }
        }
        // clustered short options (-hV) or a short option with its value attached (-s1)
        return !name.startsWith("--") && name.length() > 2 && known(spec, name.substring(0, 2));
    }

    private static boolean isNumber(String arg) {
        return arg.length() > 1 && arg.substring(1).chars().allMatch(c -> Character.isDigit(c) || c == '.');
    }

    private static List<String> nearest(CommandSpec spec, String name) {
        List<String> names = new ArrayList<>();
        for (CommandSpec at = spec; at != null; at = at.parent()) {
            for (CommandLine.Model.OptionSpec o : at.options()) {
                for (String n : o.names()) {
                    if (n.startsWith("--") && distance(n, name) <= Math.max(1, n.length() / 4)) {
                        names.add(n);
                    }
                }
            }
        }
        names.sort(Comparator.comparingInt(n -> distance(n, name)));
        return names.stream().distinct().limit(3).toList();
    }

    /** The optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
