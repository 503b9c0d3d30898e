package io.deltachain.strategy.bsdiff.internal;

import io.deltachain.api.CorruptDeltaException;
import io.deltachain.api.Limit;
import io.deltachain.api.LimitExceededException;
import io.deltachain.api.Limits;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;

/**
 * BSDIFF40 exactly as bsdiff 4.3 lays it out: a 32-byte header ({@code BSDIFF40}, the bzip2'd
 * control and diff block lengths and the new size, each as 8 bytes of little-endian sign-magnitude),
 * then the bzip2-compressed control, diff and extra blocks. Decoding is bounded: the header's new
 * size, before anything is decompressed, by {@link Limits#maxStateBytes()} and by what the expansion
 * ratio allows for the patch and the old file ({@link Limits#maxExpandedBytes}); the diff and extra
 * blocks are read only as far as the control triples, each checked against the new size, ask; the
 * control block by {@link Limits#maxPayloadBytes()} and the ratio.
 */
public final class Bsdiff40Format {
    /** The format's name. */
    public static final String NAME = "BSDIFF40";
    private static final byte[] MAGIC = NAME.getBytes(StandardCharsets.US_ASCII);
    private static final String ENDSLEY = "ENDSLEY/BSDIFF43";
    private static final int HEADER = 32;

    private Bsdiff40Format() {
    }

    /**
     * Matches and encodes at once, on two threads: the diff block (the large one) is compressed while
     * the matcher is still producing it.
     *
     * @param matcher how to match
     * @param old the old file
     * @param nw the new file
     * @return a BSDIFF40 patch
     */
    public static byte[] diff(Matcher matcher, byte[] old, byte[] nw) {
        DeltaBlocks blocks = new DeltaBlocks(nw.length);
        ByteArrayOutputStream diffOut = new ByteArrayOutputStream(Math.max(64, nw.length / 64));
        Throwable[] failure = new Throwable[1];
        int[] encoded = new int[1];
        Thread encoder = new Thread(() -> {
            try (OutputStream bz = new BZip2CompressorOutputStream(diffOut, BZip2CompressorOutputStream.MAX_BLOCKSIZE)) {
                int written = 0;
                while (true) {
                    int ready = blocks.awaitDiff(written);
                    if (ready == written) {
                        break;
                    }
                    bz.write(blocks.diff(), written, ready - written);
                    written = ready;
                }
                encoded[0] = written;
            } catch (IOException | RuntimeException | Error e) {
                failure[0] = e;
            }
        }, "bsdiff-diff-block-bzip2");
        encoder.setDaemon(true);
        encoder.start();
        try {
            matcher.match(old, nw, blocks);
        } finally {
            blocks.complete(); // lets the encoder finish even when matching failed
            joinQuietly(encoder);
        }
        if (failure[0] instanceof Error e) {
            throw e;
        }
        if (failure[0] != null) {
            throw new IllegalStateException("bzip2 of the diff block failed", failure[0]);
        }
        if (encoded[0] != blocks.diffLength()) {
            throw new IllegalStateException("the diff block encoder stopped at " + encoded[0] + " of "
                    + blocks.diffLength() + " bytes");
        }
        return assemble(blocks, diffOut.toByteArray());
    }

    private static void joinQuietly(Thread t) {
        boolean interrupted = false;
        while (true) {
            try {
                t.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * @param blocks delta blocks
     * @return a BSDIFF40 patch
     */
    public static byte[] encode(DeltaBlocks blocks) {
        return assemble(blocks, bzip2(blocks.diff(), blocks.diffLength()));
    }

    private static byte[] assemble(DeltaBlocks blocks, byte[] d) {
        byte[] control = new byte[24 * blocks.triples()];
        for (int i = 0; i < blocks.triples(); i++) {
            for (int f = 0; f < 3; f++) {
                writeOfft(blocks.control(i, f), control, 24 * i + 8 * f);
            }
        }
        byte[] c = bzip2(control, control.length);
        byte[] e = bzip2(blocks.extra(), blocks.extraLength());
        byte[] out = new byte[HEADER + c.length + d.length + e.length];
        System.arraycopy(MAGIC, 0, out, 0, 8);
        writeOfft(c.length, out, 8);
        writeOfft(d.length, out, 16);
        writeOfft(blocks.newSize(), out, 24);
        System.arraycopy(c, 0, out, HEADER, c.length);
        System.arraycopy(d, 0, out, HEADER + c.length, d.length);
        System.arraycopy(e, 0, out, HEADER + c.length + d.length, e.length);
        return out;
    }

    /**
     * @param old the old file
     * @param patch a BSDIFF40 patch, possibly from another tool, corrupt or hostile
     * @param limits bounds
     * @return the new file
     */
    public static byte[] apply(byte[] old, byte[] patch, Limits limits) {
        if (patch.length >= ENDSLEY.length()
                && new String(patch, 0, ENDSLEY.length(), StandardCharsets.ISO_8859_1).equals(ENDSLEY)) {
            throw new CorruptDeltaException("this is an ENDSLEY/BSDIFF43 patch (the mendsley/bsdiff library's format),"
                    + " not BSDIFF40 as bsdiff 4.3 writes it; make the patch with bsdiff 4.3 or 'delta diff -s bsdiff --raw'");
        }
        if (patch.length < HEADER) {
            throw new CorruptDeltaException("BSDIFF40 patch is truncated: " + patch.length + " bytes, the header is 32");
        }
        for (int i = 0; i < 8; i++) {
            if (patch[i] != MAGIC[i]) {
                throw new CorruptDeltaException("not a BSDIFF40 patch: bad magic (expected 'BSDIFF40')");
            }
        }
        long controlLength = readOfft(patch, 8);
        long diffLength = readOfft(patch, 16);
        long newSize = readOfft(patch, 24);
        if (controlLength < 0 || diffLength < 0 || newSize < 0) {
            throw new CorruptDeltaException("BSDIFF40 header has a negative length: control " + controlLength + ", diff "
                    + diffLength + ", new size " + newSize);
        }
        if (controlLength > patch.length - HEADER || diffLength > patch.length - HEADER - controlLength) {
            throw new CorruptDeltaException("BSDIFF40 header claims blocks of " + controlLength + " and " + diffLength
                    + " bytes, but the patch holds " + (patch.length - HEADER) + " bytes after the header");
        }
        limits.checkStateSize(newSize, "BSDIFF40 new file");
        Budget budget = new Budget(limits, patch.length, old.length);
        int diffAt = HEADER + (int) controlLength;
        int extraAt = diffAt + (int) diffLength;
        // The diff and extra blocks need no budget of their own: the patcher reads no more of them
        // than the triples add and copy, each checked against the new size.
        try (Bzip2Source control = new Bzip2Source(patch, HEADER, diffAt, "control block", budget);
             Bzip2Source diff = new Bzip2Source(patch, diffAt, extraAt, "diff block", null);
             Bzip2Source extra = new Bzip2Source(patch, extraAt, patch.length, "extra block", null)) {
            return Patcher.apply(old, newSize, control, diff, extra, patch.length, limits, "BSDIFF40 patch");
        }
    }

    /** Writes bsdiff's offtout: 8 bytes little-endian magnitude, sign in the top bit. */
    static void writeOfft(long value, byte[] out, int at) {
        long magnitude = Math.abs(value);
        for (int i = 0; i < 8; i++) {
            out[at + i] = (byte) (magnitude >>> (8 * i));
        }
        if (value < 0) {
            out[at + 7] |= (byte) 0x80;
        }
    }

    /** Reads bsdiff's offtin. */
    static long readOfft(byte[] in, int at) {
        long y = in[at + 7] & 0x7F;
        for (int i = 6; i >= 0; i--) {
            y = (y << 8) | (in[at + i] & 0xFF);
        }
        return (in[at + 7] & 0x80) != 0 ? -y : y;
    }

    private static byte[] bzip2(byte[] data, int length) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, length / 4));
        try (OutputStream bz = new BZip2CompressorOutputStream(out, BZip2CompressorOutputStream.MAX_BLOCKSIZE)) {
            bz.write(data, 0, length);
        } catch (IOException e) {
            throw new UncheckedIOException("bzip2 into memory failed", e);
        }
        return out.toByteArray();
    }

    /**
     * How many bytes the control block may decompress to: {@link Limits#maxPayloadBytes()}, or what the
     * expansion ratio allows for the patch and the old file when that is less. Triples that produce
     * nothing are legal, so without it a small bzip2 stream of zeros would be read for a long time.
     */
    private static final class Budget {
        private final Limits limits;
        private final long patchLength;
        private final long oldLength;
        private final long limit;
        private long spent;

        Budget(Limits limits, long patchLength, long oldLength) {
            this.limits = limits;
            this.patchLength = patchLength;
            this.oldLength = oldLength;
            this.limit = Math.min(limits.maxPayloadBytes(), limits.maxExpandedBytes(patchLength, oldLength));
        }

        void spend(long n, String block) {
            spent += n;
            if (spent > limit) {
                limits.checkExpansion(spent, patchLength, oldLength, "BSDIFF40 patch's " + block);
                throw new LimitExceededException(Limit.PAYLOAD_BYTES, spent, limit, "BSDIFF40 patch"
                        + " decompresses to more than " + limit + " bytes (Limits.maxPayloadBytes) in its " + block);
            }
        }
    }

    /** Reads one bzip2 block lazily, converting every decoder failure to a CorruptDeltaException. */
    private static final class Bzip2Source implements Patcher.Control, Patcher.Block, AutoCloseable {
        private final byte[] patch;
        private final int start;
        private final int end;
        private final String name;
        private final Budget budget;
        private InputStream in;
        private final byte[] eight = new byte[8];
        private int peeked = -2;

        Bzip2Source(byte[] patch, int start, int end, String name, Budget budget) {
            this.patch = patch;
            this.start = start;
            this.end = end;
            this.name = name;
            this.budget = budget;
        }

        private InputStream stream() throws IOException {
            if (in == null) {
                if (end == start) {
                    in = InputStream.nullInputStream();
                } else {
                    in = new BZip2CompressorInputStream(new ByteArrayInputStream(patch, start, end - start), false);
                }
            }
            return in;
        }

        @Override
        public boolean hasNext() {
            try {
                if (peeked == -2) {
                    peeked = stream().read();
                }
                return peeked >= 0;
            } catch (IOException | RuntimeException e) {
                throw corrupt(e);
            }
        }

        @Override
        public long next(String field) {
            readFully(eight, 0, 8, field);
            return readOfft(eight, 0);
        }

        @Override
        public void read(byte[] into, int offset, int length) {
            readFully(into, offset, length, length + " bytes");
        }

        private void readFully(byte[] into, int offset, int length, String field) {
            if (length == 0) {
                return;
            }
            if (budget != null) {
                budget.spend(length, name);
            }
            try {
                int done = 0;
                if (peeked == -2) {
                    peeked = stream().read();
                }
                if (peeked >= 0) {
                    into[offset] = (byte) peeked;
                    done = 1;
                }
                peeked = -2;
                while (done < length) {
                    int n = stream().read(into, offset + done, length - done);
                    if (n < 0) {
                        throw new CorruptDeltaException("BSDIFF40 patch: the " + name + " ends before the " + field);
                    }
                    done += n;
                }
            } catch (CorruptDeltaException e) {
                throw e;
            } catch (IOException | RuntimeException e) {
                throw corrupt(e);
            }
        }

        private CorruptDeltaException corrupt(Exception e) {
            return new CorruptDeltaException("BSDIFF40 patch: the " + name + " is not valid bzip2 ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
        }

        @Override
        public void close() {
            try {
                if (in != null) {
                    in.close();
                }
            } catch (IOException e) {
                // nothing to release but memory
            }
        }
    }
}
