package io.deltachain.cli;

import io.deltachain.api.CorruptDeltaException;
import io.deltachain.api.Limits;
import io.deltachain.core.DeltaRecord;
import java.nio.charset.StandardCharsets;

/**
 * A record file as the commands read it: the wire format, or the JSON form that {@code delta diff
 * --json} writes (first byte after any whitespace {@code '{'}); a native patch handed in where a
 * record belongs is named, with the option that applies it.
 */
final class RecordFiles {
    private RecordFiles() {
    }

    /**
     * @param bytes the file's bytes
     * @param role what the file is, for messages ("PATCH", "RECORD")
     * @param name the file's name
     * @param limits bounds on decoding
     * @return the record
     * @throws CorruptDeltaException when it is neither form, saying what it looks like instead
     */
    static DeltaRecord read(byte[] bytes, String role, String name, Limits limits) {
        int first = 0;
        while (first < bytes.length && Character.isWhitespace(bytes[first])) {
            first++;
        }
        if (first < bytes.length && bytes[first] == '{') {
            return DeltaRecord.fromJson(new String(bytes, StandardCharsets.UTF_8), limits);
        }
        if (!DeltaRecord.matches(bytes)) {
            String nativeKind = nativeKind(bytes, first);
            if (nativeKind != null) {
                int at = nativeKind.indexOf("(-s ");
                String id = at < 0 || nativeKind.indexOf(')', at) < 0 ? "ID"
                        : nativeKind.substring(at + 4, nativeKind.indexOf(')', at));
                throw new CorruptDeltaException(role + " " + name + " is not a Deltachain record but " + nativeKind
                        + "; apply it with"
                        + " 'delta apply --raw -s " + id + " OLD " + name + "'");
            }
        }
        return DeltaRecord.fromBytes(bytes, limits);
    }

    private static String nativeKind(byte[] b, int first) {
        if (startsWith(b, 0, "BSDIFF40")) {
            return "a BSDIFF40 patch (-s bsdiff)";
        }
        if (b.length >= 4 && (b[0] & 0xff) == 0x28 && (b[1] & 0xff) == 0xb5 && (b[2] & 0xff) == 0x2f
                && (b[3] & 0xff) == 0xfd) {
            return "a zstd frame (-s zstd-patch)";
        }
        if (startsWith(b, first, "--- ") || startsWith(b, first, "diff ") || startsWith(b, first, "@@ ")) {
            return "a unified diff (-s text)";
        }
        if (first < b.length && b[first] == '[') {
            return "a JSON array, perhaps an RFC 6902 patch (-s json-patch)";
        }
        return null;
    }

    private static boolean startsWith(byte[] b, int at, String prefix) {
        if (b.length - at < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (b[at + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
