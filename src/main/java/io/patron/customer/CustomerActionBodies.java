package io.patron.customer;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Request bodies of the customer actions. */
final class CustomerActionBodies {

    private CustomerActionBodies() {
    }

    record PartnerRecord(String partnerId) {
    }

    /** The consents ({@code agreements}) are checked where they are mapped, as the same shape is in customers. */
    record NewsletterSignUp(@NotBlank String contact, @NotBlank String customerSourceId,
                            CustomerBodies.Agreement agreements,
                            String languageId, @Size(max = 1000) List<PartnerRecord> partnerRecords) {
    }

    record Device(@NotBlank @Size(max = 200) String deviceId, @NotBlank @Size(max = 200) String deviceSystem,
                  @NotBlank @Size(max = 200) String deviceName, @NotBlank @Size(max = 200) String deviceType) {
    }

    record SetPushNotifications(@NotBlank String customerId, @NotNull @Valid Device device,
                                @NotBlank String externalApplicationId, @NotBlank @Size(max = 1000) String pushToken) {
    }

    record CancelPushNotifications(@NotBlank String customerId, @NotBlank String externalApplicationId,
                                   String pushToken) {
    }

    record UploadPhoto(@NotBlank String customerId, @NotBlank String data) {
    }
}
