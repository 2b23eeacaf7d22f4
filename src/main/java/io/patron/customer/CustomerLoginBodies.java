package io.patron.customer;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/** Request bodies of customer login operations. */
final class CustomerLoginBodies {

    private CustomerLoginBodies() {
    }

    record Credentials(@NotBlank String loginType, @NotBlank String loginValue, @NotNull String password) {
    }

    record AuthTokenRequest(@NotBlank String customerId, @NotBlank String externalApplicationId,
                            @NotNull Integer tokenType) {
    }

    record AuthTokenUse(@NotBlank String applicationId, @NotBlank String token, @NotBlank String tokenRequestId) {
    }

    record PasswordSetup(String communicationChannelId, String email, String recipient) {
    }

    record SocialLogin(@NotNull @Valid CustomerBodies.SocialNetworkCredentials socialNetworkCredentials) {
    }
}
