package io.deltachain.strategy.jsonpatch.internal;

import com.fasterxml.jackson.databind.JsonNode;
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
                value = JsonFormats.node().fromBytes(Arrays.copyOfRange(payload, start, in.pos), limits);
            }
            ops.add(new Op(kind.get(), path, from, value));
        }
        if (in.pos != payload.length) {
            throw new CorruptDeltaException("json-patch payload: " + (payload.length - in.pos)
                    + " bytes left over after the last operation, at byte offset " + in.pos);
        }
        return ops;
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

        String pointer(String what) {
            long length = varint(what + " length");
            if (length > buf.length - pos) {
                throw new CorruptDeltaException("json-patch payload: the " + what + " of " + length + " bytes at byte offset "
                        + pos + " runs past the end");
            }
            int start = pos;
            pos += (int) length;
            String text;
            try {
                text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(buf, start, (int) length)).toString();
            } catch (CharacterCodingException e) {
                throw new CorruptDeltaException("json-patch payload: the " + what + " at byte offset " + start
                        + " is not valid UTF-8", e);
            }
            Optional<String> error = Pointers.syntaxError(text);
            if (error.isPresent()) {
                throw new CorruptDeltaException("json-patch payload: the " + what + " at byte offset " + start
                        + " is no JSON Pointer: it " + error.get());
            }
            return text;
        }
    }
}
