package io.patron.engagement;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import io.patron.api.OneOf;

/** Bodies of the one-time password actions. */
final class OtpBodies {

    private OtpBodies() {
    }

    record Send(@NotBlank String externalApplicationId,
                @NotNull @OneOf({"1", "2", "4", "5"}) Integer communicationChannelId,
                @NotBlank String recipient, @OneOf({"1", "2"}) Integer otpType, String messageTemplateId) {
    }

    record Sent(String requestId) {
    }

    record Verify(@NotBlank String verificationCode, @NotBlank String requestId,
                  @NotBlank String externalApplicationId) {
    }

    record Verified(boolean isValid) {
    }
}
