package io.patron.customer;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.patron.property.PropertyService;
import io.patron.card.CustomerDirectory;
import io.patron.api.ApiError;
import io.patron.auth.CustomerTokenService;
import io.patron.api.Caller;
import io.patron.api.CustomerWrites;
import io.patron.api.InvalidParam;
import io.patron.api.Languages;
import io.patron.api.Reason;
import io.patron.common.Ids;
import io.patron.common.PasswordHasher;
import io.patron.events.DomainEvents;
import io.patron.events.EventType;
import io.patron.reference.CountryQueries;
import io.patron.store.StoreQueries;

/** Sign-up and full update of customer accounts, with the checks every write needs. */
@Service
@Transactional
public class CustomerService implements CustomerDirectory {

    static final String PROPERTY_KIND = "customer";

    private final CustomerRepository repository;
    private final CustomerWrites writes;
    private final PropertyService properties;
    private final PasswordHasher hasher;
    private final Languages languages;
    private final CountryQueries countries;
    private final CustomerTokenService tokens;
    private final StoreQueries stores;
    private final CustomerActionService consentWriter;
    private final SocialNetworkVerifier socialNetworks;
    private final CustomerLoginRepository logins;
    private final Clock clock;
    private final DomainEvents events;
    private final CustomerRegistrationService registration;
    private final CustomerRecordRepository records;
    private final ReferralCodes referrals;

    CustomerService(CustomerRepository repository, PropertyService properties, PasswordHasher hasher,
                    Languages languages, CountryQueries countries, CustomerTokenService tokens,
                    SocialNetworkVerifier socialNetworks, CustomerLoginRepository logins, Clock clock, StoreQueries stores,
                    CustomerActionService consentWriter, DomainEvents events, CustomerWrites writes,
                    CustomerRegistrationService registration, CustomerRecordRepository records,
                    ReferralCodes referrals) {
        this.registration = registration;
        this.records = records;
        this.referrals = referrals;
        this.events = events;
        this.writes = writes;
        this.consentWriter = consentWriter;
        this.stores = stores;
        this.tokens = tokens;
        this.socialNetworks = socialNetworks;
        this.logins = logins;
        this.repository = repository;
        this.properties = properties;
        this.hasher = hasher;
        this.languages = languages;
        this.countries = countries;
        this.clock = clock;
    }

    /**
     * {@code POST /customers}: the account, its first source record and its property records, in one transaction;
     * with a usable referral code also the relations between the new customer and the code's holder (both ways,
     * of the campaign's relation type) and the record of the referral, whose incentives follow from the outbox.
     */
    public String create(Caller caller, CustomerBodies.NewCustomer request) {
        List<InvalidParam> errors = new ArrayList<>();
        Checked checked = check(request.customer().personalInformation(), null, errors);
        if (Boolean.TRUE.equals(request.autologin()) && (request.password() == null || request.password().isEmpty())) {
            errors.add(InvalidParam.of("password", Reason.REQUIRED, "A password is required with autologin"));
        }
        String sourceId = request.customerSource().customerSourceId();
        String externalId = blankToNull(request.customerSource().externalId());
        if (repository.activeSource(sourceId).isEmpty()) {
            errors.add(InvalidParam.of("customer_source.customer_source_id", Reason.NOT_FOUND, sourceId,
                    "No active customer source with this id"));
        } else if (externalId != null && repository.customerOfExternalId(sourceId, externalId).isPresent()) {
            errors.add(InvalidParam.of("customer_source.external_id", Reason.ALREADY_EXISTS, externalId,
                    "Another customer has this external id in the source"));
        }
        String id = Ids.newId();
        SocialNetworkVerifier.Identity social = socialIdentity(request.socialNetworkCredentials(), id, errors);
        var checker = properties.checker(PROPERTY_KIND);
        var values = checker.check(id, nullToEmpty(request.propertyRecords()), "property_records", errors);
        ReferralCodes.Referral referral = null;
        // an empty field of a sign-up form is no code
        if (request.referralCode() != null && !request.referralCode().isBlank()) {
            var check = registration.referral(request.referralCode(), caller, checked.info().phone());
            if (check.refusal() != null) {
                errors.add(check.refusal());
            }
            referral = check.referral();
        }
        if (!errors.isEmpty()) {
            throw ApiError.badRequest(errors);
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        repository.insert(id, checked.info(), request.password() == null || request.password().isEmpty()
                ? null : hasher.hash(request.password()), now);
        events.publish(EventType.CUSTOMER_CREATED, id, Map.of("customer_id", id));
        repository.insertSourceRecord(id, sourceId, externalId, now);
        consentWriter.setConsents(id, checked.consents(), now);
        properties.merge(PROPERTY_KIND, Map.of(id, values));
        linkSocial(id, request.socialNetworkCredentials(), social, now);
        if (referral != null) {
            // the holder leads the relation: the holder brought the new customer in
            records.addRelation(referral.holderId(), id, referral.relationTypeId(), true);
            records.addRelation(id, referral.holderId(), referral.relationTypeId(), false);
            referrals.referred(referral, id);
        }
        if (Boolean.TRUE.equals(request.autologin()) && caller instanceof Caller.CustomerToken) {
            // Sign-up in a mobile app logs the new customer in on the app's token.
            tokens.bindCustomer(caller, id);
        }
        return id;
    }

    /** {@code PUT /customers/{id}}: replaces the personal information; a password, when sent, replaces the old one. */
    public void replace(Caller caller, String customerId, CustomerBodies.CustomerUpdate request) {
        writes.lockInPath(caller, customerId);
        List<InvalidParam> errors = new ArrayList<>();
        Checked checked = check(request.customer().personalInformation(), customerId, errors);
        var values = properties.checker(PROPERTY_KIND)
                .check(customerId, nullToEmpty(request.propertyRecords()), "property_records", errors);
        if (request.password() != null && request.password().isEmpty()) {
            errors.add(InvalidParam.of("password", Reason.EMPTY, "The password must not be empty"));
        }
        SocialNetworkVerifier.Identity social = socialIdentity(request.socialNetworkCredentials(), customerId, errors);
        if (!errors.isEmpty()) {
            throw ApiError.badRequest(errors);
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        repository.replace(customerId, checked.info(),
                request.password() == null ? null : hasher.hash(request.password()), now);
        events.publish(EventType.CUSTOMER_UPDATED, customerId, Map.of("customer_id", customerId));
        consentWriter.setConsents(customerId, checked.consents(), now);
        properties.merge(PROPERTY_KIND, Map.of(customerId, values));
        // Left out, the social network link stays as it is (the contract's exception to PUT).
        linkSocial(customerId, request.socialNetworkCredentials(), social, now);
    }

    /**
     * The verified identity of social network credentials sent with a sign-up or update (null when none
     * were sent); an invalid token or a subject linked to another customer is added to {@code errors}.
     */
    private SocialNetworkVerifier.Identity socialIdentity(CustomerBodies.SocialNetworkCredentials credentials,
                                                          String customerId, List<InvalidParam> errors) {
        if (credentials == null) {
            return null;
        }
        SocialNetworkVerifier.Identity identity = socialNetworks.verify(credentials.socialNetworkId(),
                credentials.socialNetworkToken(), "social_network_credentials.", errors);
        if (identity != null) {
            logins.customerOfSocialSubject(credentials.socialNetworkId(), identity.subject())
                    .filter(other -> !other.equals(customerId))
                    .ifPresent(other -> errors.add(InvalidParam.of("social_network_credentials.social_network_token",
                            Reason.ALREADY_EXISTS, "This social network account belongs to another customer")));
        }
        return identity;
    }

    private void linkSocial(String customerId, CustomerBodies.SocialNetworkCredentials credentials,
                            SocialNetworkVerifier.Identity identity, OffsetDateTime now) {
        if (identity != null) {
            logins.linkSocial(customerId, credentials.socialNetworkId(), identity.subject(), now);
        }
    }

    /** Replaces the password hash (password setup link). */
    public void setPassword(String customerId, String passwordHash) {
        if (!repository.lock(customerId)) {
            throw ApiError.notFound("customers", customerId);
        }
        repository.setPassword(customerId, passwordHash, OffsetDateTime.now(clock));
    }

    /** Whether the password is the customer's (false for accounts without a password). */
    @Transactional(readOnly = true)
    public boolean passwordMatches(String customerId, String password) {
        String hash = repository.passwordHash(customerId).orElse(null);
        return hash != null && hasher.matches(password, hash);
    }

    @Transactional(readOnly = true)
    @Override
    public boolean exists(String customerId) {
        return repository.exists(customerId);
    }

    /** Whether a customer id names an active customer, a deleted one, or none. */
    public enum Standing { ACTIVE, DELETED, UNKNOWN }

    /**
     * Locks the customer's row until the transaction ends and tells whether the customer is active, deleted or
     * unknown: the wallet lock of the loyalty ledger (every change of one customer's points or credits holds it).
     */
    public Standing lockStanding(String customerId) {
        return repository.lockAnyState(customerId)
                .map(state -> state == 0 ? Standing.DELETED : Standing.ACTIVE).orElse(Standing.UNKNOWN);
    }

    /** Up to {@code limit} active customers whose email is at {@code domain}, in email order (demo data of other capabilities). */
    @Transactional(readOnly = true)
    public List<String> idsByEmailDomain(String domain, int limit) {
        return repository.idsByEmailDomain(domain, limit);
    }

    /** Personal information as checked: normalized, with the consent values it sets by consent id. */
    private record Checked(CustomerBodies.PersonalInformation info, Map<String, Integer> consents) {
    }

    /** The checks of personal information shared by create and update. */
    private Checked check(CustomerBodies.PersonalInformation given, String customerId, List<InvalidParam> errors) {
        CustomerBodies.PersonalInformation info = given.normalized();
        String at = "customer.personal_information.";
        if (!languages.isActive(info.languageId())) {
            errors.add(InvalidParam.of(at + "language_id", Reason.NOT_FOUND, info.languageId(),
                    "Not an active language of the project"));
        }
        if (info.email() != null) {
            if (!info.email().matches(CustomerBodies.EMAIL)) {
                errors.add(InvalidParam.of(at + "email", Reason.INVALID_VALUE_FORMAT, info.email(),
                        "Not a valid email address"));
            } else {
                repository.idByEmail(info.email()).filter(other -> !other.equals(customerId)).ifPresent(other ->
                        errors.add(InvalidParam.of(at + "email", Reason.ALREADY_EXISTS, info.email(),
                                "Another customer has this email")));
            }
        }
        // consents win: a deprecated agreement object sent with them is ignored entirely, even when invalid
        Map<String, Integer> consents = info.consents() != null
                ? consentWriter.consents(info.consents(), at + "consents", errors)
                : consentWriter.consents(info.agreement(), at + "agreement.", errors);
        if (info.storeId() != null && stores.existingStores(List.of(info.storeId())).isEmpty()) {
            errors.add(InvalidParam.of(at + "store_id", Reason.NOT_FOUND, info.storeId(), "No store with this id"));
        }
        if (info.address() != null && info.address().countryCode() != null
                && !countries.isActive(info.address().countryCode())) {
            errors.add(InvalidParam.of(at + "address.country_code", Reason.NOT_FOUND, info.address().countryCode(),
                    "Not an active country of the project"));
        }
        // consents left out are kept (see docs/decisions.md)
        return new Checked(info, consents);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static <T> List<T> nullToEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
