package io.patron.customer;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/** Bodies of the records a customer owns: interest records, additional addresses, related customers. */
public final class CustomerRecordBodies {

    private CustomerRecordBodies() {
    }

    /** One interest of a customer; {@code customer_id} must be the customer of the path. */
    public record InterestRecord(String interestRecordId, @NotBlank String interestId, @NotBlank String customerId,
                                 String lastChange) {
    }

    public record InterestRecordBody(@NotNull @Valid InterestRecord interestRecord) {
    }

    /** An additional address of a customer, of a customer address type. */
    public record AdditionalAddress(String additionalAddressId, @NotBlank String addressType,
                                    @NotNull @Valid CustomerBodies.Address address) {
    }

    public record AdditionalAddressBody(@NotNull @Valid AdditionalAddress additionalAddress) {
    }

    /** A relation of the customer to another customer; the rest of the fields are read-only. */
    public record RelatedCustomer(String customerRelationId, @NotBlank String relatedCustomerId,
                                  @NotBlank String customerRelationTypeId, @NotNull Boolean isLeading,
                                  String shortName, Integer state, String validFrom, String validTo,
                                  String lastChange) {
    }

    public record RelatedCustomerBody(@NotNull @Valid RelatedCustomer relatedCustomer) {
    }
}
