package io.deltachain.core.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of canonical bytes; every JDK has it. */
public final class Sha256 {
    /** Length of a digest in bytes. */
    public static final int LENGTH = 32;

    private Sha256() {
    }

    /**
     * @param data bytes to hash
     * @return their SHA-256 digest
     */
    public static byte[] of(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }

    /**
     * @param digest a digest
     * @return its first 12 hex digits, for messages
     */
    public static String shortHex(byte[] digest) {
        return HexFormat.of().formatHex(digest, 0, Math.min(6, digest.length));
    }
}
