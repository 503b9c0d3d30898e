import io.deltachain.api.StateFormats;
import io.deltachain.core.DeltaRecord;
import io.deltachain.api.PatchSummary;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.zip.GZIPOutputStream;
import com.github.luben.zstd.ZstdOutputStream;

/** Records that claim or really make huge outputs; the base is the file "old" ("old\n"). */
public class MakeBombs {
    public static void main(String[] args) throws Exception {
        byte[] old = "old\n".getBytes();
        byte[] baseHash = MessageDigest.getInstance("SHA-256").digest(old);
        byte[] targetHash = MessageDigest.getInstance("SHA-256").digest(new byte[0]);
        // bsdiff v3 payload: one zero run of 2^31 - 9 bytes
        byte[] v = {(byte) 0xf7, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x07};
        long n = Integer.MAX_VALUE - 8;
        ByteBuffer p = ByteBuffer.allocate(60 + 7 + 6);
        p.put("DLTBSD".getBytes()).put((byte) 3).put((byte) 0).putLong(n).putInt(1).putLong(n).putLong(0)
                .putLong(7).putLong(6).putLong(0);
        p.put(v).put((byte) 0).put((byte) 0).put(v).put((byte) 0);
        write("zerorun.dltr", record(p.array(), "identity", 0, p.array().length, n, baseHash, targetHash));
        // gzip bomb: 1 GiB of zeros
        ByteArrayOutputStream g = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(g)) {
            byte[] chunk = new byte[1 << 20];
            for (int i = 0; i < 1024; i++) out.write(chunk);
        }
        write("gzipbomb.dltr", record(g.toByteArray(), "gzip", 6, 256L << 20, 256L << 20, baseHash, targetHash));
        // zstd bomb: 1 GiB of zeros, streamed (no content size)
        ByteArrayOutputStream z = new ByteArrayOutputStream();
        try (ZstdOutputStream out = new ZstdOutputStream(z, 3)) {
            byte[] chunk = new byte[1 << 20];
            for (int i = 0; i < 1024; i++) out.write(chunk);
        }
        write("zstdbomb.dltr", record(z.toByteArray(), "zstd", 3, 256L << 20, 256L << 20, baseHash, targetHash));
    }

    static byte[] record(byte[] payload, String codec, int level, long payloadSize, long raw, byte[] b, byte[] t) {
        return DeltaRecord.builder().index(1).timestamp(Instant.EPOCH).strategyId("bsdiff")
                .stateFormatId(StateFormats.BYTES_ID).codec(codec, level).payload(payload).payloadSize(payloadSize)
                .rawSize(raw).baseHash(b).targetHash(t).summary(PatchSummary.EMPTY).build().toBytes();
    }

    static void write(String name, byte[] bytes) throws Exception {
        Files.write(Path.of(name), bytes);
        System.out.println(name + " " + bytes.length);
    }
}
