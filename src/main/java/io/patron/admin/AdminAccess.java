package io.patron.admin;

import org.springframework.stereotype.Component;

import io.patron.api.ApiError;
import io.patron.api.ApiInterface;
import io.patron.api.Caller;
import io.patron.api.CredentialVerifier;
import io.patron.auth.AuthService;

/** The gate of operator endpoints: an Enterprise user's credentials (bearer token or HTTP Basic) and the admin role. */
@Component
class AdminAccess {

    private final CredentialVerifier credentials;
    private final AuthService authService;

    AdminAccess(CredentialVerifier credentials, AuthService authService) {
        this.credentials = credentials;
        this.authService = authService;
    }

    void requireAdmin(String authorization, String what) {
        if (authorization == null || authorization.isBlank()) {
            throw ApiError.unauthorized("Authorization header is missing");
        }
        Caller caller = credentials.verify(ApiInterface.ENTERPRISE, authorization)
                .orElseThrow(() -> ApiError.unauthorized("The credentials are not valid, expired or logged out"));
        if (!(caller instanceof Caller.User user) || !authService.isAdmin(user.userId())) {
            throw ApiError.forbidden(what + " is open to users with the admin role only");
        }
    }
}
