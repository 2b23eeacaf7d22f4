package io.patron.api;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import io.patron.common.Ids;
import io.patron.jobs.CoordinatedJob;

/**
 * The rules of idempotency keys: the first request with a key claims it (the table's unique key
 * decides between racing repeats on any node), runs, and stores its answer; a repeat of the same
 * request gets that answer, waiting while the first still runs; a different request with the key
 * is refused. Keys are stored as hashes and answers encrypted with a key derived from the
 * Idempotency-Key, so the table alone reveals no answer (a login's answer is a credential).
 */
@Service
public class IdempotencyKeys {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyKeys.class);
    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    static final int MAX_LENGTH = 255;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What a request with a key does: run (it holds the claim) or answer with the stored answer. */
    sealed interface Claim {
    }

    record Execute() implements Claim {
    }

    record Replay(Answer answer) implements Claim {
    }

    /** A stored answer: status, the headers worth repeating, body. */
    record Answer(int status, String contentType, String location, byte[] body) {
    }

    private final IdempotencyRepository repository;
    private final IdempotencyProperties properties;
    private final Clock clock;

    IdempotencyKeys(IdempotencyRepository repository, IdempotencyProperties properties, Clock clock) {
        this.repository = repository;
        this.properties = properties;
        this.clock = clock;
    }

    /** 400 unless the header value is a usable key (1 to 255 characters, no control characters). */
    static void check(String key) {
        if (key.isBlank()) {
            throw ApiError.badRequest(HEADER, Reason.EMPTY, "The Idempotency-Key header is empty");
        }
        if (key.length() > MAX_LENGTH || key.chars().anyMatch(Character::isISOControl)) {
            throw ApiError.badRequest(List.of(InvalidParam.of(HEADER, Reason.INVALID_VALUE_FORMAT,
                    key.length() > MAX_LENGTH ? null : key,
                    "An Idempotency-Key has 1 to " + MAX_LENGTH + " characters without control characters")));
        }
    }

    /**
     * Claims the key for this request, or returns the answer of the first request with it; waits
     * (at most {@code patron.idempotency.max-wait}) while a first request is still running.
     */
    Claim claim(String scope, String key, String requestHash) {
        String keyHash = Ids.sha256(key);
        long deadline = System.nanoTime() + properties.maxWait().toNanos();
        long pause = 10;
        while (true) {
            OffsetDateTime now = OffsetDateTime.now(clock);
            if (repository.claim(scope, keyHash, requestHash, now, now.plus(properties.abandonAfter()),
                    now.plus(properties.retention()))) {
                return new Execute();
            }
            Optional<IdempotencyRepository.Stored> stored = repository.find(scope, keyHash);
            if (stored.isPresent()) {
                IdempotencyRepository.Stored first = stored.get();
                if (!first.expiresAt().isAfter(now)) {
                    repository.removeExpired(scope, keyHash, now);
                    continue;
                }
                if (!first.requestHash().equals(requestHash)) {
                    throw ApiError.badRequest(HEADER, Reason.ALREADY_EXISTS,
                            "This Idempotency-Key was used for a different request (method, path or body)");
                }
                if (IdempotencyRepository.DONE.equals(first.state())) {
                    return new Replay(new Answer(first.status(), first.contentType(), first.location(),
                            decrypt(scope, key, first.body())));
                }
                if (!first.lockedUntil().isAfter(now)
                        && repository.takeOver(scope, keyHash, now, now.plus(properties.abandonAfter()))) {
                    log.warn("Took over an idempotency key whose first request did not finish in {}",
                            properties.abandonAfter());
                    return new Execute();
                }
            }
            if (System.nanoTime() >= deadline) {
                throw new ApiError(HttpStatus.SERVICE_UNAVAILABLE, "service_unavailable_exception",
                        "Service unavailable", "The first request with this Idempotency-Key is still running",
                        Map.of(), Map.of("Retry-After", "1"));
            }
            sleep(pause);
            pause = Math.min(200, pause * 2);
        }
    }

    /** Stores the answer of the request that held the claim. */
    void complete(String scope, String key, Answer answer) {
        repository.complete(scope, Ids.sha256(key), answer.status(), answer.contentType(), answer.location(),
                encrypt(scope, key, answer.body()));
    }

    /** Gives the claim up without an answer: the next repeat runs the request again. */
    void release(String scope, String key) {
        repository.release(scope, Ids.sha256(key));
    }

    /** Deletes the keys past their retention (one idempotent DELETE, on one node at a time). */
    @CoordinatedJob(name = "idempotency.remove-expired-keys", every = "1h")
    public int removeExpired() {
        int removed = repository.removeExpired(OffsetDateTime.now(clock));
        if (removed > 0) {
            log.info("Removed {} expired idempotency keys", removed);
        }
        return removed;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiError.unavailable("Interrupted while waiting for the first request with this Idempotency-Key");
        }
    }

    // AES-256-GCM; the key is derived from the caller's scope and Idempotency-Key, the 12-byte IV leads the stored bytes.
    private static byte[] encrypt(String scope, String key, byte[] plain) {
        try {
            byte[] iv = new byte[12];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, secret(scope, key), new GCMParameterSpec(128, iv));
            byte[] sealed = cipher.doFinal(plain);
            return ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] decrypt(String scope, String key, byte[] stored) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, secret(scope, key), new GCMParameterSpec(128, stored, 0, 12));
            return cipher.doFinal(stored, 12, stored.length - 12);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static SecretKeySpec secret(String scope, String key) throws GeneralSecurityException {
        byte[] material = MessageDigest.getInstance("SHA-256")
                .digest(("patron idempotent answer\u0000" + scope + '\u0000' + key).getBytes(StandardCharsets.UTF_8));
        return new SecretKeySpec(material, "AES");
    }
}
