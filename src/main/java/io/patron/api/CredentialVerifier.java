package io.patron.api;

import java.util.Optional;

/** Checks an Authorization header for one interface; implemented by the auth capability. */
public interface CredentialVerifier {

    /** The caller the header proves, or empty when the credentials are unknown, expired or revoked. */
    Optional<Caller> verify(ApiInterface apiInterface, String authorization);
}
