package io.patron.common;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 signatures of JSON bodies exchanged with other systems, in one format both ways: Patron signs the
 * webhooks it sends with them, and verifies the callbacks providers send it. Headers: {@link #TIMESTAMP} (seconds
 * since the epoch, project clock) and {@link #SIGNATURE} {@code v1=<hex HMAC-SHA256 of "<timestamp>.<raw body>"
 * keyed with the shared secret>}; {@link #ID} names a webhook delivery.
 */
public final class WebhookSignatures {

    public static final String ID = "Patron-Webhook-Id";
    public static final String TIMESTAMP = "Patron-Webhook-Timestamp";
    public static final String SIGNATURE = "Patron-Webhook-Signature";

    private static final String VERSION = "v1=";
    /** Past the year 5000: no timestamp a sender means, and far from overflowing the skew arithmetic. */
    private static final long MAX_SECONDS = 100_000_000_000L;

    private WebhookSignatures() {
    }

    /** The signature header's value for a body sent at a timestamp. */
    public static String sign(String secret, long timestamp, String body) {
        return sign(secret, timestamp, body.getBytes(StandardCharsets.UTF_8));
    }

    /** The same over the raw bytes of a body, as a receiver has them. */
    public static String sign(String secret, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return VERSION + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    /**
     * Why a received body's signature is refused, or empty when it is valid: both headers present, the timestamp at
     * most {@code maxSkew} away from {@code now} (either way; an old one would be a replay) and the signature the
     * secret gives (compared in constant time). The reasons name the header, never the expected value.
     */
    public static Optional<String> problem(String secret, String timestamp, String signature, byte[] body,
                                           Instant now, Duration maxSkew) {
        if (timestamp == null || timestamp.isBlank()) {
            return Optional.of(TIMESTAMP + " is missing");
        }
        if (signature == null || signature.isBlank()) {
            return Optional.of(SIGNATURE + " is missing");
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            seconds = -1;
        }
        if (seconds < 0 || seconds > MAX_SECONDS) {
            return Optional.of(TIMESTAMP + " is not a number of seconds since 1970");
        }
        if (Math.abs(now.getEpochSecond() - seconds) > maxSkew.toSeconds()) {
            return Optional.of(TIMESTAMP + " is more than " + maxSkew.toSeconds()
                    + " s away from the server's clock");
        }
        byte[] expected = sign(secret, seconds, body).getBytes(StandardCharsets.US_ASCII);
        byte[] given = signature.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, given)) {
            return Optional.of(SIGNATURE + " does not match the body and timestamp");
        }
        return Optional.empty();
    }
}
