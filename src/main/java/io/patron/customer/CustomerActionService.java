package io.patron.customer;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.patron.api.ApiError;
import io.patron.api.Caller;
import io.patron.api.CustomerWrites;
import io.patron.api.InvalidParam;
import io.patron.api.Languages;
import io.patron.auth.AuthService;
import io.patron.api.Reason;
import io.patron.reference.LookupKind;
import io.patron.reference.LookupQueries;
import io.patron.common.Ids;
import io.patron.events.DomainEvents;
import io.patron.events.EventType;

/**
 * Customer actions: newsletter sign-up, push notification registrations, profile photos; and consents, which the
 * sign-up and customer writes record (the {@code agreement} shape is mapped here, both ways).
 */
@Service
@Transactional
public class CustomerActionService {

    /**
     * The three standard consents: /agreements items of the default project whose ids are the field names of the
     * {@code agreement} object.
     */
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
    private final DomainEvents events;
    private final CustomerWrites writes;

    CustomerActionService(CustomerRepository customers, CustomerActionRepository repository, Languages languages,
                          AuthService applications, Clock clock, CustomerPartnerService partnerService,
                          LookupQueries lookups, DomainEvents events, CustomerWrites writes) {
        this.events = events;
        this.writes = writes;
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
            phone = io.patron.api.PhoneNumbers.normalize(contact);
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
        Map<String, Integer> consents = consents(request.agreements(), "agreements.", errors);
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
                    null, email, phone, language, null, null, null, null, null), null, now);
            events.publish(EventType.CUSTOMER_CREATED, customerId, Map.of("customer_id", customerId));
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
        writes.lockInBody(caller, request.customerId(), "customer_id");
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
        repository.savePhoto(request.customerId(), Ids.newSecret(), extension, content, OffsetDateTime.now(clock));
    }

    /** The photo file named by its secret and extension (served without credentials). */
    @Transactional(readOnly = true)
    public Optional<byte[]> photo(String secret, String extension) {
        return repository.photo(secret, extension);
    }

    /** Those of the ids that name a consent: an /agreements item, the three standard consents included. */
    private Set<String> knownConsents(Collection<String> consentIds) {
        return lookups.existing(LookupKind.AGREEMENTS,
                consentIds.stream().filter(java.util.Objects::nonNull).distinct().toList());
    }

    /** Sets consents; a consent whose value does not change keeps its times. */
    void setConsents(String customerId, Map<String, Integer> consents, OffsetDateTime now) {
        Map<String, Integer> current = repository.consents(customerId);
        consents.forEach((consentId, value) -> {
            Integer old = current.get(consentId);
            if (!value.equals(old)) {
                repository.setConsent(customerId, consentId, value, old != null, now);
                events.publish(EventType.CONSENT_CHANGED, customerId, Map.of("customer_id", customerId,
                        "consent_id", consentId, "consent_value", value));
            }
        });
    }

    /**
     * The consent values a {@code consents} list sets, by consent id; {@code at} is the list's parameter
     * name, and unknown consent ids are added to {@code errors}.
     */
    Map<String, Integer> consents(List<CustomerBodies.Consent> given, String at, List<InvalidParam> errors) {
        Set<String> known = knownConsents(given.stream().map(CustomerBodies.Consent::consentId).toList());
        Map<String, Integer> values = new LinkedHashMap<>();
        for (int i = 0; i < given.size(); i++) {
            CustomerBodies.Consent consent = given.get(i);
            if (!known.contains(consent.consentId())) {
                errors.add(InvalidParam.of(at + "[" + i + "].consent_id", Reason.NOT_FOUND, consent.consentId(),
                        "No consent with this id"));
            }
            values.put(consent.consentId(), consent.consentValue());
        }
        return values;
    }

    /**
     * The consent values an {@code agreement} object sets, by consent id: the newsletter sign-up's
     * {@code agreements} and the deprecated {@code personal_information.agreement} of customers. {@code at} is
     * the object's parameter name with a trailing dot; bad values and unknown ids are added to {@code errors}.
     */
    Map<String, Integer> consents(CustomerBodies.Agreement agreement, String at, List<InvalidParam> errors) {
        Map<String, Integer> values = new LinkedHashMap<>();
        if (agreement == null) {
            return values;
        }
        standard(values, GTC, agreement.agreementGtc(), at, errors);
        standard(values, PROFILING, agreement.agreementProfiling(), at, errors);
        standard(values, MARKETING, agreement.agreementMarketingCommunication(), at, errors);
        List<CustomerBodies.CustomAgreement> custom = agreement.customAgreements();
        if (custom == null) {
            return values;
        }
        if (custom.size() > 1000) {
            errors.add(InvalidParam.of(at + "custom_agreements", Reason.INVALID_VALUE_FORMAT,
                    "At most 1000 custom agreements"));
            return values;
        }
        Set<String> known = knownConsents(custom.stream()
                .map(c -> c == null ? null : c.agreementId()).toList());
        for (int i = 0; i < custom.size(); i++) {
            String item = at + "custom_agreements[" + i + "]";
            CustomerBodies.CustomAgreement given = custom.get(i);
            if (given == null) {
                errors.add(InvalidParam.of(item, Reason.REQUIRED, "A custom agreement must be an object"));
                continue;
            }
            String agreementId = given.agreementId();
            boolean valid = valueAllowed(given.agreementValue(), item + ".agreement_value", errors);
            if (agreementId == null) {
                errors.add(InvalidParam.of(item + ".agreement_id", Reason.REQUIRED, "The consent id is required"));
            } else if (agreementId.isBlank()) {
                errors.add(InvalidParam.of(item + ".agreement_id", Reason.EMPTY, agreementId,
                        "The consent id is empty"));
            } else if (!known.contains(agreementId)) {
                errors.add(InvalidParam.of(item + ".agreement_id", Reason.NOT_FOUND, agreementId,
                        "No consent with this id"));
            } else if (valid) {
                values.put(agreementId, given.agreementValue());
            }
        }
        return values;
    }

    private static void standard(Map<String, Integer> values, String consentId, Integer value, String at,
                                 List<InvalidParam> errors) {
        // left out: the consent is not touched
        if (value != null && valueAllowed(value, at + consentId, errors)) {
            values.put(consentId, value);
        }
    }

    private static boolean valueAllowed(Integer value, String name, List<InvalidParam> errors) {
        if (value == null) {
            errors.add(InvalidParam.of(name, Reason.REQUIRED, "The consent value is required"));
            return false;
        }
        if (value < 0 || value > 2) {
            errors.add(InvalidParam.of(name, Reason.NOT_ALLOWED_VALUE, value,
                    "0 (withdrawn), 1 (given) or 2 (not set)"));
            return false;
        }
        return true;
    }

    /**
     * The stored consents in the {@code agreement} shape, for clients that still read it: the standard consents
     * by name (left out when the customer has no such consent), the others as custom agreements.
     */
    static CustomerBodies.Agreement agreementOf(List<CustomerBodies.Consent> consents) {
        Map<String, Integer> standard = new HashMap<>();
        List<CustomerBodies.CustomAgreement> custom = new ArrayList<>();
        for (CustomerBodies.Consent consent : consents) {
            switch (consent.consentId()) {
                case GTC, PROFILING, MARKETING -> standard.put(consent.consentId(), consent.consentValue());
                default -> custom.add(new CustomerBodies.CustomAgreement(consent.consentId(), consent.consentValue()));
            }
        }
        return new CustomerBodies.Agreement(standard.get(GTC), standard.get(PROFILING), standard.get(MARKETING),
                custom.isEmpty() ? null : custom);
    }

    /** A customer's consent: its value, when it was given and when it last changed (for tests and readers). */
    public record Consent(int value, OffsetDateTime given, OffsetDateTime lastChange) {
    }

    @Transactional(readOnly = true)
    public Optional<Consent> consent(String customerId, String consentId) {
        return repository.consent(customerId, consentId);
    }
}
