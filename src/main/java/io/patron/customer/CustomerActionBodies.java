package io.patron.customer;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Request bodies of the customer actions. */
final class CustomerActionBodies {

    private CustomerActionBodies() {
    }

    record CustomAgreement(@NotBlank String agreementId, @NotNull @Min(0) @Max(2) Integer agreementValue) {
    }

    record Agreements(@Min(0) @Max(2) Integer agreementGtc, @Min(0) @Max(2) Integer agreementProfiling,
                      @Min(0) @Max(2) Integer agreementMarketingCommunication,
                      @Valid @Size(max = 1000) List<CustomAgreement> customAgreements) {
    }

    record PartnerRecord(String partnerId) {
    }

    record NewsletterSignUp(@NotBlank String contact, @NotBlank String customerSourceId, @Valid Agreements agreements,
                            String languageId, @Size(max = 1000) List<PartnerRecord> partnerRecords) {
    }
}
