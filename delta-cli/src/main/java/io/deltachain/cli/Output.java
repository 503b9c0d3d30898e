package io.deltachain.cli;

import io.deltachain.api.DeltaException;
import io.deltachain.cli.internal.CliIo;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How commands write their results ({@code -o OUT}): what is checked before any work is done, and
 * the guard that keeps binary bytes off a terminal.
 */
final class Output {
    private Output() {
    }

    /**
     * Checks an {@code -o} before the command reads or computes anything.
     *
     * @param out the {@code -o} value, {@code -} or null
     * @param rolesAndInputs pairs of role and file name: {@code "OLD", oldFile, "NEW", newFile}
     * @throws DeltaException when OUT is a directory
     * @throws UsageException when OUT is one of the inputs (the same file, through any link)
     */
    static void check(String out, String... rolesAndInputs) {
        if (out == null || out.equals("-")) {
            return;
        }
        if (Files.isDirectory(Path.of(out))) {
            throw new DeltaException("OUT " + out + " is a directory; name a file");
        }
        for (int i = 0; i + 1 < rolesAndInputs.length; i += 2) {
            if (CliIo.sameFile(out, rolesAndInputs[i + 1])) {
                throw new UsageException("OUT " + out + " is " + rolesAndInputs[i] + " " + rolesAndInputs[i + 1]
                        + " itself; write the result to another file");
            }
        }
    }

    /**
     * @param out the {@code -o} value, {@code -} or null
     * @param dir a chain's directory
     * @throws UsageException when OUT would land in the chain's directory
     */
    static void checkOutside(String out, Path dir) {
        if (CliIo.inside(out, dir)) {
            throw new UsageException("OUT " + out + " is inside the chain's directory " + dir
                    + "; write it elsewhere");
        }
    }

    /**
     * Refuses, before any work, to send output that is always binary to a terminal.
     *
     * @param out the {@code -o} value, {@code -} or null
     * @param what what would be written, for the message ("a binary record")
     * @throws UsageException when there is no {@code -o} and standard output is a terminal
     */
    static void refuseTerminal(String out, String what) {
        if (out == null && CliIo.stdoutIsTerminal()) {
            throw new UsageException("refusing to write " + what + " to a terminal; use -o FILE, or -o - to write"
                    + " it to standard output anyway");
        }
    }

    /**
     * Writes a result; bytes that would garble a terminal (a NUL byte, invalid UTF-8) go there only
     * with an explicit {@code -o -}.
     *
     * @param out the {@code -o} value, {@code -} or null
     * @param data the bytes
     * @param what what they are, for the message ("a binary record")
     */
    static void write(String out, byte[] data, String what) {
        if (out == null && CliIo.stdoutIsTerminal() && CliIo.isBinary(data)) {
            refuseTerminal(out, what);
        }
        CliIo.write(out, data);
    }
}
