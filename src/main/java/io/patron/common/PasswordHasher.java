package io.patron.common;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.stereotype.Component;

/** Argon2id with a random salt per password; the parameters travel inside the stored hash. */
@Component
public class PasswordHasher {

    private final Argon2PasswordEncoder encoder = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
    /** Compared against when the login is unknown, so that both failures cost the same time. */
    private final String decoy = encoder.encode("decoy-password-for-unknown-logins");

    public String hash(String password) {
        return encoder.encode(password);
    }

    public boolean matches(String password, String hash) {
        return encoder.matches(password, hash == null ? decoy : hash);
    }
}
