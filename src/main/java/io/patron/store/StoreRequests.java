package io.patron.store;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.patron.property.PropertyService;

/**
 * Request bodies of the store operations. Read-only fields of the contract (store_id, image_urls,
 * visibility_for_customer, last_change, state) are not components here, so a client that sends
 * back what it read has them ignored.
 */
final class StoreRequests {

    private StoreRequests() {
    }

    /** A store as POST and PUT take it; PUT replaces every field, so one left out is cleared. */
    record StoreInput(@NotBlank @Size(max = 100) String storeCode,
                      @NotBlank @Size(max = 255) String name,
                      @Valid Address storeAddress,
                      @Email @Size(max = 255) String contactEmail,
                      @Size(max = 255) String managerName,
                      @Pattern(regexp = "^[1-9][0-9]*$") @Size(max = 30) String phoneNumber,
                      @NotBlank String partnerId,
                      @NotBlank @Size(max = 100) String systemId,
                      @Valid GpsCoordinates gpsCoordinates,
                      @Size(max = 1000) String urlAddress,
                      @Size(max = 7) List<@NotNull @Valid OpeningDay> opening,
                      @Size(max = 1000) String shortDescription,
                      @Size(max = 4000) String description,
                      @Size(max = 50) String registrationId) {
    }

    record StoreBody(@NotNull @Valid StoreInput store) {
    }
}
