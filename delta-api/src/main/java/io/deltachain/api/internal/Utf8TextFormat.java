package io.deltachain.api.internal;

import io.deltachain.api.CorruptDeltaException;
import io.deltachain.api.InvalidStateException;
import io.deltachain.api.Limits;
import io.deltachain.spi.StateFormat;
import io.deltachain.api.StateFormats;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Text whose canonical bytes are its strict UTF-8 encoding (no replacement characters, ever). */
public final class Utf8TextFormat implements StateFormat<String> {
    /** The shared instance. */
    public static final Utf8TextFormat INSTANCE = new Utf8TextFormat();

    @Override
    public String id() {
        return StateFormats.UTF8_TEXT_ID;
    }

    @Override
    public Class<?> type() {
        return String.class;
    }

    @Override
    public byte[] toBytes(String state) {
        CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            ByteBuffer out = encoder.encode(CharBuffer.wrap(state));
            byte[] bytes = new byte[out.remaining()];
            out.get(bytes);
            return bytes;
        } catch (CharacterCodingException e) {
            throw new InvalidStateException("text contains a lone surrogate and has no UTF-8 encoding", e);
        }
    }

    @Override
    public String fromBytes(byte[] canonical, Limits limits) {
        limits.checkStateSize(canonical.length, "text state");
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(canonical);
        CharBuffer out = CharBuffer.allocate(canonical.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            throw new CorruptDeltaException("invalid UTF-8 at byte offset " + in.position());
        }
        decoder.flush(out);
        out.flip();
        return out.toString();
    }

    @Override
    public String copy(String state) {
        return state;
    }

    @Override
    public String toString() {
        return id();
    }
}
