package io.patron.common;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/** Record ids in the CareCloud style (26 hex characters) and random secrets. */
public final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    private Ids() {
    }

    /** A new random record id: 104 bits, 26 hex characters. */
    public static String newId() {
        byte[] bytes = new byte[13];
        RANDOM.nextBytes(bytes);
        return HEX.formatHex(bytes);
    }

    /** A stable id derived from a natural key, so that imports on any node agree without coordination. */
    public static String stable(String kind, String naturalKey) {
        return sha256(kind + '\u0000' + naturalKey).substring(0, 26);
    }

    /** A new secret token: 256 random bits as 64 hex characters. */
    public static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return HEX.formatHex(bytes);
    }

    /** SHA-256 as hex; tokens are high-entropy, so a fast hash is the right way to store them. */
    public static String sha256(String value) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
