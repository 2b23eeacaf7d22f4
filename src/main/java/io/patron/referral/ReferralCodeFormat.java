package io.patron.referral;

import java.security.SecureRandom;
import java.util.Locale;

/**
 * How referral codes look: the campaign's prefix and random characters of its alphabet, drawn from a secure random
 * source. Codes are upper case; what a customer types is matched ignoring case and surrounding spaces.
 */
final class ReferralCodeFormat {

    /** Letters and digits without the ones easily mistaken for each other (0/O, 1/I/L). */
    static final String DEFAULT_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    static final int DEFAULT_LENGTH = 8;
    static final int MIN_LENGTH = 6;
    static final int MAX_LENGTH = 32;
    /** The least number of random bits a code carries, so that codes cannot be guessed. */
    static final double MIN_BITS = 30;

    private static final SecureRandom RANDOM = new SecureRandom();

    private ReferralCodeFormat() {
    }

    /** A new code: the prefix and {@code length} characters of the alphabet. */
    static String newCode(String prefix, String alphabet, int length) {
        StringBuilder code = new StringBuilder(prefix);
        for (int i = 0; i < length; i++) {
            code.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return code.toString();
    }

    /** A code as typed, in the stored form. */
    static String normalize(String code) {
        return code == null ? null : code.strip().toUpperCase(Locale.ROOT);
    }

    /** The random bits of a code of this alphabet and length. */
    static double bits(String alphabet, int length) {
        return length * Math.log(alphabet.length()) / Math.log(2);
    }
}
