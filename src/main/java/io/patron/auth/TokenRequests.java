package io.patron.auth;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/** Request bodies of the auth operations. */
final class TokenRequests {

    private TokenRequests() {
    }

    record UserLogin(@NotBlank String userExternalApplicationId, @NotBlank String login, @NotBlank String password) {
    }

    record SsoLogin(@NotBlank String userExternalApplicationId, @NotBlank String ssoToken) {
    }

    record UserLogout(@NotBlank String userExternalApplicationId, @NotBlank String bearerToken) {
    }

    record VerifyAuthToken(@NotBlank String authToken) {
    }

    record Device(@NotBlank String deviceId, @NotBlank String deviceSystem, @NotBlank String deviceName,
                  @NotBlank String deviceType) {
    }

    record Setup(@NotBlank String languageId, @NotNull Boolean allowedGps, @NotNull Boolean allowedNotifications) {
    }

    record NewToken(@NotNull @Valid Device device, @NotNull @Valid Setup setup,
                    @NotBlank String externalApplicationId, String pushToken) {
    }

    record TokenUpdate(@NotNull @Valid Setup setup, String pushToken) {
    }
}
