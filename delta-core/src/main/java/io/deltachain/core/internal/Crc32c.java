package io.deltachain.core.internal;

import java.util.zip.CRC32C;

/** The one checksum of every Deltachain frame (records, snapshots, index entries, the store manifest). */
public final class Crc32c {
    private Crc32c() {
    }

    /**
     * @param bytes data
     * @param offset where the checked range starts
     * @param length how many bytes it holds
     * @return the CRC32C of that range, as a signed int (the u32 on the wire)
     */
    public static int of(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }
}
