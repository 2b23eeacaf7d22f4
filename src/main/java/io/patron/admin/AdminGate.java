package io.patron.admin;

import org.springframework.stereotype.Component;

import io.patron.api.ApiError;
import io.patron.api.ApiInterface;
import io.patron.api.Caller;
import io.patron.api.CredentialVerifier;
import io.patron.auth.AuthService;

/** The operators' views are open to Enterprise users with the admin role, with their bearer token or HTTP Basic. */
@Component
class AdminGate {

    private final CredentialVerifier credentials;
    private final AuthService authService;

    AdminGate(CredentialVerifier credentials, AuthService authService) {
        this.credentials = credentials;
        this.authService = authService;
    }

    void requireAdmin(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw ApiError.unauthorized("Authorization header is missing");
        }
        Caller caller = credentials.verify(ApiInterface.ENTERPRISE, authorization)
                .orElseThrow(() -> ApiError.unauthorized("The credentials are not valid, expired or logged out"));
        if (!(caller instanceof Caller.User user) || !authService.isAdmin(user.userId())) {
            throw ApiError.forbidden("The operators' views are open to users with the admin role only");
        }
    }
}
