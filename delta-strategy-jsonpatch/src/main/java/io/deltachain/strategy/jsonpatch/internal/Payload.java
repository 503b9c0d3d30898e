package io.deltachain.strategy.jsonpatch.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.deltachain.api.CorruptDeltaException;
import io.deltachain.api.Limits;
import io.deltachain.json.CanonicalJson;
import io.deltachain.json.JsonFormats;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The {@code json-patch} record payload, version 1 (docs/FORMAT.md): magic {@code DLTJSP}, version,
 * operation count, then each operation as a code byte, its path, its {@code from} and its value
 * (canonical JSON), lengths as unsigned LEB128 varints. Stateless.
 */
public final class Payload {
    private static final byte[] MAGIC = {'D', 'L', 'T', 'J', 'S', 'P'};
    private static final int VERSION = 1;

    private Payload() {
    }

    /**
     * @param ops operations
     * @return the payload
     */
    public static byte[] write(List<Op> ops) {
        Out out = new Out();
        out.bytes(MAGIC);
        out.buf[out.len++] = VERSION;
        out.varint(ops.size());
        for (Op op : ops) {
            out.ensure(1);
            out.buf[out.len++] = (byte) op.kind().code();
            out.string(op.path());
            if (op.from() != null) {
                out.string(op.from());
            }
            if (op.value() != null) {
                byte[] value = CanonicalJson.write(op.value());
                out.varint(value.length);
                out.bytes(value);
            }
        }
        return Arrays.copyOf(out.buf, out.len);
    }

    /**
     * @param payload a payload, possibly damaged
     * @param limits bounds on the values
     * @return the operations
     * @throws CorruptDeltaException when the bytes are not a version 1 payload, naming the offset
     * @throws io.deltachain.api.LimitExceededException when a value passes a limit
     */
    public static List<Op> read(byte[] payload, Limits limits) {
        In in = new In(payload);
        if (payload.length < MAGIC.length + 2 || !Arrays.equals(payload, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new CorruptDeltaException("not a json-patch payload: it does not start with the magic DLTJSP");
        }
        in.pos = MAGIC.length;
        int version = payload[in.pos++] & 0xff;
        if (version != VERSION) {
            throw new CorruptDeltaException("json-patch payload version " + version + " at byte offset 6; this build reads"
                    + " version " + VERSION + " (a newer Deltachain wrote it?)");
        }
        long count = in.varint("operation count");
        if (count > (payload.length - in.pos) / 2) {
            throw new CorruptDeltaException("json-patch payload claims " + count + " operations in "
                    + (payload.length - in.pos) + " bytes");
        }
        List<Op> ops = new ArrayList<>((int) count);
        for (int i = 0; i < count; i++) {
            int at = in.pos;
            Optional<OpKind> kind = OpKind.ofCode(in.pos < payload.length ? payload[in.pos++] & 0xff : 0);
            if (kind.isEmpty()) {
                throw new CorruptDeltaException("json-patch payload: operation " + i + " at byte offset " + at
                        + " has no valid operation code");
            }
            String path = in.pointer("operation " + i + " path");
            String from = kind.get().hasFrom() ? in.pointer("operation " + i + " from") : null;
            JsonNode value = null;
            if (kind.get().hasValue()) {
                long length = in.varint("operation " + i + " value length");
                if (length > payload.length - in.pos) {
                    throw new CorruptDeltaException("json-patch payload: operation " + i + " value of " + length
                            + " bytes at byte offset " + in.pos + " runs past the end");
                }
                int start = in.pos;
                in.pos += (int) length;
                value = simpleScalar(payload, start, in.pos, limits);
                if (value == null) {
                    value = JsonFormats.node().fromBytes(Arrays.copyOfRange(payload, start, in.pos), limits);
                }
            }
            ops.add(new Op(kind.get(), path, from, value));
        }
        if (in.pos != payload.length) {
            throw new CorruptDeltaException("json-patch payload: " + (payload.length - in.pos)
                    + " bytes left over after the last operation, at byte offset " + in.pos);
        }
        return ops;
    }

    /**
     * The common values without a parser: {@code true}, {@code false}, {@code null}, an integer of up
     * to 18 digits (as the JSON reader gives it: {@code IntNode} when it fits an int, else
     * {@code LongNode}) and a string of printable ASCII without escapes. Anything else, and anything
     * malformed, is left to the reader (null), which checks and names it.
     */
    private static JsonNode simpleScalar(byte[] b, int from, int to, Limits limits) {
        int n = to - from;
        if (n == 0) {
            return null;
        }
        byte first = b[from];
        if (first == '"') {
            if (n < 2 || b[to - 1] != '"') {
                return null;
            }
            for (int i = from + 1; i < to - 1; i++) {
                if (b[i] < 0x20 || b[i] > 0x7e || b[i] == '"' || b[i] == '\\') {
                    return null;
                }
            }
            return TextNode.valueOf(new String(b, from + 1, n - 2, StandardCharsets.ISO_8859_1));
        }
        if (first == '-' || (first >= '0' && first <= '9')) {
            int digits = first == '-' ? n - 1 : n;
            int d0 = to - digits;
            if (digits < 1 || digits > 18 || n > limits.maxNumberLength() || (b[d0] == '0' && digits > 1)) {
                return null;
            }
            long v = 0;
            for (int i = d0; i < to; i++) {
                if (b[i] < '0' || b[i] > '9') {
                    return null;
                }
                v = v * 10 + (b[i] - '0');
            }
            v = first == '-' ? -v : v;
            return v == (int) v ? IntNode.valueOf((int) v) : LongNode.valueOf(v);
        }
        if (n == 4 && b[from] == 't' && b[from + 1] == 'r' && b[from + 2] == 'u' && b[from + 3] == 'e') {
            return BooleanNode.TRUE;
        }
        if (n == 5 && b[from] == 'f' && b[from + 1] == 'a' && b[from + 2] == 'l' && b[from + 3] == 's' && b[from + 4] == 'e') {
            return BooleanNode.FALSE;
        }
        if (n == 4 && b[from] == 'n' && b[from + 1] == 'u' && b[from + 2] == 'l' && b[from + 3] == 'l') {
            return NullNode.getInstance();
        }
        return null;
    }

    private static final class Out {
        byte[] buf = new byte[256];
        int len;

        void ensure(int more) {
            if (len + more > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
            }
        }

        void bytes(byte[] b) {
            ensure(b.length);
            System.arraycopy(b, 0, buf, len, b.length);
            len += b.length;
        }

        void varint(long v) {
            ensure(10);
            while ((v & ~0x7fL) != 0) {
                buf[len++] = (byte) ((v & 0x7f) | 0x80);
                v >>>= 7;
            }
            buf[len++] = (byte) v;
        }

        void string(String s) {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            varint(utf8.length);
            bytes(utf8);
        }
    }

    private static final class In {
        final byte[] buf;
        int pos;

        In(byte[] buf) {
            this.buf = buf;
        }

        long varint(String what) {
            long v = 0;
            for (int shift = 0; shift < 35; shift += 7) {
                if (pos >= buf.length) {
                    throw new CorruptDeltaException("json-patch payload ends inside the " + what + " at byte offset " + pos);
                }
                int b = buf[pos++] & 0xff;
                v |= (long) (b & 0x7f) << shift;
                if ((b & 0x80) == 0) {
                    return v;
                }
            }
            throw new CorruptDeltaException("json-patch payload: the " + what + " before byte offset " + pos
                    + " is longer than 5 bytes");
        }

        /** Pointers are mostly ASCII: those skip the checking decoder. */
        private String utf8(int start, int length, String what) {
            boolean ascii = true;
            for (int i = start; i < start + length && ascii; i++) {
                ascii = buf[i] >= 0;
            }
            if (ascii) {
                return new String(buf, start, length, StandardCharsets.ISO_8859_1);
            }
            try {
                return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(buf, start, length)).toString();
            } catch (CharacterCodingException e) {
                throw new CorruptDeltaException("json-patch payload: the " + what + " at byte offset " + start
                        + " is not valid UTF-8", e);
            }
        }

        String pointer(String what) {
            long length = varint(what + " length");
            if (length > buf.length - pos) {
                throw new CorruptDeltaException("json-patch payload: the " + what + " of " + length + " bytes at byte offset "
                        + pos + " runs past the end");
            }
            int start = pos;
            pos += (int) length;
            String text = utf8(start, (int) length, what);
            Optional<String> error = Pointers.syntaxError(text);
            if (error.isPresent()) {
                throw new CorruptDeltaException("json-patch payload: the " + what + " at byte offset " + start
                        + " is no JSON Pointer: it " + error.get());
            }
            return text;
        }
    }
}
