package io.patron.customer;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Request and response bodies of the partners a customer is assigned to. */
public final class CustomerPartnerBodies {

    private CustomerPartnerBodies() {
    }

    /** One partner of a customer. */
    public record PartnerRecord(String partnerRecordId, @NotBlank String partnerId, String lastChange) {
    }

    public record PartnerRecordBody(@NotNull @Valid PartnerRecord partnerRecord) {
    }

    /** The whole set of partners of a customer. */
    public record SetPartnersBody(@NotBlank String customerId,
                                  @NotNull @Size(max = 1000) List<@NotNull @Valid PartnerRecord> partnerRecords) {
    }
}
