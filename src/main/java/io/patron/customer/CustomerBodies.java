package io.patron.customer;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.patron.property.PropertyService;

/** Request and response bodies of customers; the same records serve reads and writes where the contract does. */
public final class CustomerBodies {

    private CustomerBodies() {
    }

    /** The contract's email pattern (lower case; Patron lower-cases emails before checking). */
    static final String EMAIL = "^[-a-z0-9!#$%&'*+/=?^_`{|}~]+(\\.[-a-z0-9!#$%&'*+/=?^_`{|}~]+)*"
            + "@([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?\\.)+[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])$";

    public record Address(@Size(max = 300) String address1, @Size(max = 300) String address2,
                          @Size(max = 300) String address3, @Size(max = 300) String address4,
                          @Size(max = 300) String address5, @Size(max = 300) String address6,
                          @Size(max = 300) String address7, @Size(max = 30) String zip,
                          @Size(max = 200) String city, String countryCode) {
    }

    public record PersonalInformation(
            String salutation,
            @Min(1) @Max(5) Integer gender,
            String firstName,
            String lastName,
            String preNominals,
            String postNominals,
            LocalDate birthdate,
            String email,
            @Pattern(regexp = "^[1-9][0-9]*$") String phone,
            @NotBlank String languageId,
            String storeId,
            String photoUrl,
            @Valid Address address,
            Agreement agreement,
            @Valid List<Consent> consents) {

        /** Emails compare and are stored in lower case. */
        PersonalInformation normalized() {
            return new PersonalInformation(salutation, gender, firstName, lastName, preNominals, postNominals,
                    birthdate, email == null ? null : email.trim().toLowerCase(java.util.Locale.ROOT), phone,
                    languageId, storeId, photoUrl, address, agreement, consents);
        }

        PersonalInformation withConsents(Agreement shown, List<Consent> given) {
            return new PersonalInformation(salutation, gender, firstName, lastName, preNominals, postNominals,
                    birthdate, email, phone, languageId, storeId, photoUrl, address, shown, given);
        }
    }

    /**
     * Consents in the older shape: the three standard consents by name and the others as custom agreements, each
     * 0 no, 1 yes, 2 not set. The newsletter sign-up takes it; customers take it (deprecated) next to
     * {@code consents} and show it derived from their consents. Its values are checked where it is mapped to
     * consents ({@link CustomerActionService}), not by annotations: a request that also sends {@code consents}
     * ignores it entirely.
     */
    public record Agreement(Integer agreementGtc, Integer agreementProfiling, Integer agreementMarketingCommunication,
                            List<CustomAgreement> customAgreements) {
    }

    /** A consent other than the three standard ones, by its /agreements id. */
    public record CustomAgreement(String agreementId, Integer agreementValue) {
    }

    /** A consent of the customer: a standard one or an agreement definition (/agreements), 0 no, 1 yes, 2 not set. */
    public record Consent(@NotBlank String consentId,
                          @NotNull @io.patron.api.OneOf({"0", "1", "2"}) Integer consentValue,
                          String lastChange) {
    }

    public record Customer(String customerId, @NotNull @Valid PersonalInformation personalInformation,
                           String doiEmail, String doiPhone, String lastChange, Integer state) {

        /** The customer as read, with its stored consents in both shapes (none: neither field). */
        Customer withConsents(List<Consent> consents, Agreement agreement) {
            return new Customer(customerId, personalInformation.withConsents(consents.isEmpty() ? null : agreement,
                    consents.isEmpty() ? null : consents), doiEmail, doiPhone, lastChange, state);
        }
    }

    public record CustomerSourceInput(@NotBlank String customerSourceId, String externalId) {
    }

    public record NewCustomer(@NotNull @Valid Customer customer, @NotNull @Valid CustomerSourceInput customerSource,
                              String password, @NotNull Boolean autologin,
                              @Valid List<PropertyService.PropertyRecordInput> propertyRecords, String referralCode,
                              @Valid SocialNetworkCredentials socialNetworkCredentials) {
    }

    public record CustomerUpdate(@NotNull @Valid Customer customer, String password,
                                 @Valid List<PropertyService.PropertyRecordInput> propertyRecords,
                                 @Valid SocialNetworkCredentials socialNetworkCredentials) {
    }

    /** An ID token of a configured social network; its verified subject is linked to the customer. */
    public record SocialNetworkCredentials(@NotBlank String socialNetworkId, @NotBlank String socialNetworkToken) {
    }

    public record CustomerSource(String customerSourceId, String name, String customerSourceTextId, Integer state,
                                 LocalDateTime lastChange) {
    }

    public record CustomerSourceRecord(String customerSourceRecordId, String customerSourceId, String customerId,
                                       String externalId, LocalDateTime lastChange) {
    }
}
