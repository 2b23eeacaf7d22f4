package io.patron.customer;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.patron.api.ApiError;
import io.patron.api.Caller;
import io.patron.api.CustomerScope;
import io.patron.api.InvalidParam;
import io.patron.api.Languages;
import io.patron.auth.AuthService;
import io.patron.api.Reason;
import io.patron.reference.LookupKind;
import io.patron.reference.LookupQueries;
import io.patron.common.Ids;

/** Customer actions: newsletter sign-up and the consents it records, push notification registrations, profile photos. */
@Service
@Transactional
public class CustomerActionService {

    /** The three consents every project has; their ids are the contract's field names. */
    static final String GTC = "agreement_gtc";
    static final String PROFILING = "agreement_profiling";
    static final String MARKETING = "agreement_marketing_communication";

    private final CustomerRepository customers;
    private final CustomerActionRepository repository;
    private final Languages languages;
    private final AuthService applications;
    private final CustomerPartnerService partnerService;
    private final Clock clock;

    private final LookupQueries lookups;

    CustomerActionService(CustomerRepository customers, CustomerActionRepository repository, Languages languages,
                          AuthService applications, Clock clock, CustomerPartnerService partnerService,
                          LookupQueries lookups) {
        this.lookups = lookups;
        this.partnerService = partnerService;
        this.applications = applications;
        this.customers = customers;
        this.repository = repository;
        this.languages = languages;
        this.clock = clock;
    }

    /**
     * {@code newsletters-sign-up}: the contact (an email or a phone number) names the customer; a new one is created
     * when none has it, otherwise only the source record and the consents are added.
     */
    void newsletterSignUp(CustomerActionBodies.NewsletterSignUp request) {
        List<InvalidParam> errors = new ArrayList<>();
        String contact = request.contact().trim();
        String email = null;
        String phone = null;
        if (contact.contains("@")) {
            email = contact.toLowerCase(Locale.ROOT);
            if (!email.matches(CustomerBodies.EMAIL)) {
                errors.add(InvalidParam.of("contact", Reason.INVALID_VALUE_FORMAT, request.contact(),
                        "Neither a valid email address nor a phone number"));
            }
        } else {
            phone = contact.replaceAll("[\\s+]", "");
            if (!phone.matches("^[1-9][0-9]*$")) {
                errors.add(InvalidParam.of("contact", Reason.INVALID_VALUE_FORMAT, request.contact(),
                        "Neither a valid email address nor a phone number"));
            }
        }
        String sourceId = request.customerSourceId();
        if (customers.activeSource(sourceId).isEmpty()) {
            errors.add(InvalidParam.of("customer_source_id", Reason.NOT_FOUND, sourceId,
                    "No active customer source with this id"));
        }
        String language = request.languageId() == null || request.languageId().isBlank()
                ? languages.defaultLanguage() : request.languageId();
        if (!languages.isActive(language)) {
            errors.add(InvalidParam.of("language_id", Reason.NOT_FOUND, language, "Not an active language of the project"));
        }
        Map<String, Integer> consents = consents(request.agreements(), errors);
        List<String> partnerIds = request.partnerRecords() == null ? List.of()
                : request.partnerRecords().stream().map(CustomerActionBodies.PartnerRecord::partnerId).toList();
        errors.addAll(partnerService.unknownPartners(partnerIds, "partner_records"));
        if (!errors.isEmpty()) {
            throw ApiError.badRequest(errors);
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        Optional<String> existing = email != null ? customers.idByEmail(email) : repository.idByPhone(phone);
        String customerId;
        if (existing.isPresent()) {
            customerId = existing.get();
            customers.lock(customerId);
        } else {
            customerId = Ids.newId();
            customers.insert(customerId, new CustomerBodies.PersonalInformation(null, null, null, null, null, null,
                    null, email, phone, language, null, null, null, null), null, now);
        }
        if (!repository.hasSource(customerId, sourceId)) {
            customers.insertSourceRecord(customerId, sourceId, null, now);
        }
        setConsents(customerId, consents, now);
        partnerService.addMissing(customerId, partnerIds);
    }

    /** {@code set-push-notifications}: registers the token of a device, replacing the device's former token. */
    void setPushNotifications(CustomerActionBodies.SetPushNotifications request) {
        requirePushTarget(request.customerId(), request.externalApplicationId());
        repository.setPush(request.customerId(), request.externalApplicationId(), request.device(),
                request.pushToken(), OffsetDateTime.now(clock));
    }

    /** {@code cancel-push-notifications}: removes one token's registrations, or all of the application when none is named. */
    void cancelPushNotifications(CustomerActionBodies.CancelPushNotifications request) {
        requirePushTarget(request.customerId(), request.externalApplicationId());
        String token = request.pushToken() == null || request.pushToken().isBlank() ? null : request.pushToken();
        repository.cancelPush(request.customerId(), request.externalApplicationId(), token);
    }

    @Transactional(readOnly = true)
    public Map<String, String> pushTokens(String customerId, String applicationId) {
        return repository.pushTokens(customerId, applicationId);
    }

    private void requirePushTarget(String customerId, String applicationId) {
        List<InvalidParam> errors = new ArrayList<>();
        if (!customers.exists(customerId)) {
            errors.add(InvalidParam.of("customer_id", Reason.NOT_FOUND, customerId, "No customer with this id"));
        }
        if (!applications.isActiveApplication(applicationId)) {
            errors.add(InvalidParam.of("external_application_id", Reason.NOT_FOUND, applicationId,
                    "No active external application with this id"));
        }
        if (!errors.isEmpty()) {
            throw ApiError.badRequest(errors);
        }
    }

    /** The largest photo accepted, in bytes (after base64 decoding). */
    static final int MAX_PHOTO_BYTES = 2 * 1024 * 1024;

    /**
     * {@code upload-customer-photo}: a JPEG or PNG of at most 2 MB, recognised by its first bytes and decoded in full;
     * it replaces the former photo and gets a new secret file name.
     */
    void uploadPhoto(Caller caller, CustomerActionBodies.UploadPhoto request) {
        CustomerScope.requireAccess(caller, request.customerId(), "customer_id");
        byte[] content;
        try {
            content = java.util.Base64.getMimeDecoder().decode(request.data());
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("data", Reason.INVALID_VALUE_FORMAT, "Not base64 encoded data");
        }
        if (content.length > MAX_PHOTO_BYTES) {
            throw ApiError.badRequest("data", Reason.INVALID_VALUE_FORMAT, "The photo is larger than 2 MB");
        }
        String extension = PhotoFormat.extension(content)
                .orElseThrow(() -> ApiError.badRequest("data", Reason.INVALID_VALUE_FORMAT,
                        "Not a JPEG or PNG image"));
        if (!customers.lock(request.customerId())) {
            throw ApiError.badRequest("customer_id", Reason.NOT_FOUND, "No customer with this id");
        }
        repository.savePhoto(request.customerId(), Ids.newSecret(), extension, content, OffsetDateTime.now(clock));
    }

    /** The photo file named by its secret and extension (served without credentials). */
    @Transactional(readOnly = true)
    public Optional<byte[]> photo(String secret, String extension) {
        return repository.photo(secret, extension);
    }

    /** Sets consents; a consent whose value does not change keeps its times. */
    /** Whether the id names a consent: one of the three standard ones or an agreement definition. */
    boolean isKnownConsent(String consentId) {
        return GTC.equals(consentId) || PROFILING.equals(consentId) || MARKETING.equals(consentId)
                || lookups.exists(LookupKind.AGREEMENTS, consentId);
    }

    void setConsents(String customerId, Map<String, Integer> consents, OffsetDateTime now) {
        Map<String, Integer> current = repository.consents(customerId);
        consents.forEach((consentId, value) -> {
            Integer old = current.get(consentId);
            if (!value.equals(old)) {
                repository.setConsent(customerId, consentId, value, old != null, now);
            }
        });
    }

    /** The consent values of a request by consent id; custom consents must name a consent definition. */
    private Map<String, Integer> consents(CustomerActionBodies.Agreements agreements, List<InvalidParam> errors) {
        Map<String, Integer> values = new LinkedHashMap<>();
        if (agreements == null) {
            return values;
        }
        if (agreements.agreementGtc() != null) {
            values.put(GTC, agreements.agreementGtc());
        }
        if (agreements.agreementProfiling() != null) {
            values.put(PROFILING, agreements.agreementProfiling());
        }
        if (agreements.agreementMarketingCommunication() != null) {
            values.put(MARKETING, agreements.agreementMarketingCommunication());
        }
        List<CustomerActionBodies.CustomAgreement> custom = agreements.customAgreements();
        for (int i = 0; custom != null && i < custom.size(); i++) {
            String agreementId = custom.get(i).agreementId();
            Integer value = custom.get(i).agreementValue();
            if (!lookups.exists(LookupKind.AGREEMENTS, agreementId)) {
                errors.add(InvalidParam.of("agreements.custom_agreements[" + i + "].agreement_id", Reason.NOT_FOUND,
                        agreementId, "No consent with this id"));
            } else if (value != null) {
                values.put(agreementId, value);
            }
        }
        return values;
    }

    /** A customer's consent: its value, when it was given and when it last changed (for tests and readers). */
    public record Consent(int value, OffsetDateTime given, OffsetDateTime lastChange) {
    }

    @Transactional(readOnly = true)
    public Optional<Consent> consent(String customerId, String consentId) {
        Integer value = repository.consents(customerId).get(consentId);
        if (value == null) {
            return Optional.empty();
        }
        return Optional.of(new Consent(value, repository.consentGiven(customerId, consentId).orElse(null),
                repository.consentChanged(customerId, consentId).orElseThrow()));
    }
}
