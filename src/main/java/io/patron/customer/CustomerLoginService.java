package io.patron.customer;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.patron.api.ApiError;
import io.patron.api.ApiTime;
import io.patron.api.Caller;
import io.patron.api.InvalidParam;
import io.patron.api.Reason;
import io.patron.auth.AuthService;
import io.patron.auth.CustomerTokenService;
import io.patron.auth.LoginThrottle;
import io.patron.card.CardService;
import io.patron.common.Ids;
import io.patron.common.PasswordHasher;
import io.patron.jobs.CoordinatedJob;

/**
 * Customer credentials: password verification (email, phone or card number), login of a
 * customer on a Customer API token, single-use authentication tokens for other applications,
 * password setup links and social network (OpenID Connect) logins.
 */
@Service
public class CustomerLoginService {

    private static final Logger log = LoggerFactory.getLogger(CustomerLoginService.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHANUMERIC = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final int AUTH_TOKEN_LENGTH = 8;

    /** What an authentication token request answers. */
    public record IssuedAuthToken(String authenticationToken, String tokenRequestId, LocalDateTime validTo) {
    }

    private final CustomerLoginRepository repository;
    private final CustomerService customers;
    private final CardService cards;
    private final CustomerTokenService tokens;
    private final AuthService auth;
    private final LoginThrottle throttle;
    private final SocialNetworkVerifier socialNetworks;
    private final PasswordHasher hasher;
    private final ObjectProvider<JavaMailSender> mail;
    private final CustomerLoginProperties properties;
    private final Clock clock;

    CustomerLoginService(CustomerLoginRepository repository, CustomerService customers, CardService cards,
                         CustomerTokenService tokens, AuthService auth, LoginThrottle throttle,
                         SocialNetworkVerifier socialNetworks, PasswordHasher hasher,
                         ObjectProvider<JavaMailSender> mail, CustomerLoginProperties properties, Clock clock) {
        this.repository = repository;
        this.customers = customers;
        this.cards = cards;
        this.tokens = tokens;
        this.auth = auth;
        this.throttle = throttle;
        this.socialNetworks = socialNetworks;
        this.hasher = hasher;
        this.mail = mail;
        this.properties = properties;
        this.clock = clock;
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }

    /**
     * {@code POST /customers/actions/verify-credentials}: the customer whose login and password these are.
     * Unknown login, blocked card and wrong password are answered alike (no account probing);
     * repeated failures of one login are slowed down.
     */
    @Transactional(noRollbackFor = ApiError.class)
    public String verifyCredentials(String loginType, String loginValue, String password) {
        String key = "customer:" + Ids.sha256(loginType + ':' + normalized(loginType, loginValue));
        throttle.check(key);
        Optional<String> login = customerOfLogin(loginType, loginValue);
        // An unknown login costs a (decoy) hash too, so timing does not tell which logins exist.
        if (login.isEmpty()) {
            hasher.matches(password, null);
        }
        Optional<String> customer = login.filter(id -> customers.passwordMatches(id, password));
        if (customer.isEmpty()) {
            throttle.failed(key);
            log.info("Failed customer credential check ({})", loginType);
            throw ApiError.badRequest(List.of(
                    InvalidParam.of("login_value", Reason.NOT_ALLOWED_VALUE, "Unknown login or wrong password"),
                    InvalidParam.of("password", Reason.NOT_ALLOWED_VALUE, "Unknown login or wrong password")));
        }
        throttle.succeeded(key);
        return customer.get();
    }

    /** {@code POST /tokens/{id}/actions/login}: checks the credentials and logs the customer in on the token. */
    @Transactional(noRollbackFor = ApiError.class)
    public String login(Caller caller, String tokenId, String loginType, String loginValue, String password) {
        tokens.requireOwnToken(caller, tokenId);
        String customerId = verifyCredentials(loginType, loginValue, password);
        tokens.bindCustomer(caller, tokenId, customerId);
        return customerId;
    }

    /** {@code POST /tokens/{id}/actions/login-test-customer}: logs the project's test customer in. */
    @Transactional
    public String loginTestCustomer(Caller caller, String tokenId) {
        tokens.requireOwnToken(caller, tokenId);
        String email = properties.testCustomerEmail();
        String customerId = Optional.ofNullable(email).filter(e -> !e.isBlank())
                .flatMap(e -> repository.activeIdByEmail(e.trim().toLowerCase(Locale.ROOT)))
                .orElseThrow(() -> ApiError.forbidden("The project has no test customer"));
        tokens.bindCustomer(caller, tokenId, customerId);
        return customerId;
    }

    /** {@code POST /customers/actions/auth-token}: a short-lived single-use token for another application. */
    @Transactional
    public IssuedAuthToken issueAuthToken(String customerId, String applicationId, Integer tokenType) {
        if (!customers.exists(customerId)) {
            throw ApiError.badRequest("customer_id", Reason.NOT_FOUND, "No customer with this id");
        }
        return issue(customerId, applicationId, tokenType, "external_application_id");
    }

    /** {@code GET /tokens/{id}/actions/auth-token}: an authentication token for the customer logged in on the token. */
    @Transactional
    public IssuedAuthToken issueAuthToken(Caller caller, String tokenId, String applicationId, Integer tokenType) {
        tokens.requireOwnToken(caller, tokenId);
        String customerId = caller instanceof Caller.CustomerToken own ? own.customerId() : null;
        if (customerId == null) {
            throw ApiError.forbidden("No customer is logged in on this token");
        }
        return issue(customerId, applicationId, tokenType, "external_application_id");
    }

    private IssuedAuthToken issue(String customerId, String applicationId, Integer tokenType, String appParam) {
        if (!auth.isActiveApplication(applicationId)) {
            throw ApiError.badRequest(appParam, Reason.NOT_FOUND, "No active external application with this id");
        }
        int type = tokenType == null ? 1 : tokenType;
        if (type != 1 && type != 2) {
            throw ApiError.badRequest("token_type", Reason.NOT_ALLOWED_VALUE, "Allowed values: 1, 2");
        }
        String alphabet = type == 2 ? "0123456789" : ALPHANUMERIC;
        StringBuilder token = new StringBuilder(AUTH_TOKEN_LENGTH);
        for (int i = 0; i < AUTH_TOKEN_LENGTH; i++) {
            token.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        String requestId = Ids.newSecret();
        OffsetDateTime validTo = now().plus(properties.authTokenValidity());
        repository.insertAuthToken(Ids.sha256(requestId), tokenHash(requestId, token.toString()), customerId,
                applicationId, now(), validTo);
        return new IssuedAuthToken(token.toString(), requestId, ApiTime.local(validTo, clock));
    }

    /** {@code POST /customers/actions/verify-auth-token}: the customer of a live token, which is used up. */
    @Transactional(noRollbackFor = ApiError.class)
    public String verifyAuthToken(String applicationId, String token, String tokenRequestId) {
        return consume(applicationId, token, tokenRequestId);
    }

    /** {@code POST /tokens/{id}/actions/authentication-token-login}: exchanges an authentication token for a login. */
    @Transactional(noRollbackFor = ApiError.class)
    public String authTokenLogin(Caller caller, String tokenId, String applicationId, String token,
                                 String tokenRequestId) {
        tokens.requireOwnToken(caller, tokenId);
        if (!applicationId.equals(caller.applicationId())) {
            throw ApiError.badRequest("application_id", Reason.NOT_ALLOWED_VALUE,
                    "The token was not issued for the application of this Customer API token");
        }
        String customerId = consume(applicationId, token, tokenRequestId);
        tokens.bindCustomer(caller, tokenId, customerId);
        return customerId;
    }

    private String consume(String applicationId, String token, String tokenRequestId) {
        String requestHash = Ids.sha256(tokenRequestId);
        CustomerLoginRepository.AuthToken stored = repository.authToken(requestHash)
                .filter(t -> t.tokenHash().equals(tokenHash(tokenRequestId, token.trim().toUpperCase(Locale.ROOT))))
                .orElseThrow(() -> ApiError.badRequest("token", Reason.NOT_FOUND,
                        "No authentication token with this value and token request id"));
        if (!stored.applicationId().equals(applicationId)) {
            throw ApiError.badRequest("application_id", Reason.NOT_ALLOWED_VALUE,
                    "The token was issued for another application");
        }
        if (stored.usedAt() != null) {
            throw ApiError.badRequest("token", Reason.NOT_ALLOWED_VALUE, "The token has already been used");
        }
        if (!stored.validTo().isAfter(now())) {
            throw ApiError.badRequest("token", Reason.NOT_ALLOWED_VALUE, "The token has expired");
        }
        if (!repository.useAuthToken(requestHash, now())) {
            throw ApiError.badRequest("token", Reason.NOT_ALLOWED_VALUE, "The token has already been used");
        }
        if (!customers.exists(stored.customerId())) {
            throw ApiError.badRequest("token", Reason.NOT_FOUND, "The customer of the token no longer exists");
        }
        return stored.customerId();
    }

    private static String tokenHash(String tokenRequestId, String token) {
        return Ids.sha256(tokenRequestId + ':' + token);
    }

    /**
     * {@code POST /tokens/{id}/actions/send-password-setup-email}: emails a single-use, expiring link to the
     * customer with this email. An unknown address is answered the same way, without an email (no probing).
     */
    @Transactional
    public void sendPasswordSetupEmail(Caller caller, String tokenId, String recipient) {
        tokens.requireOwnToken(caller, tokenId);
        String email = recipient.trim().toLowerCase(Locale.ROOT);
        Optional<String> customerId = repository.activeIdByEmail(email);
        if (customerId.isEmpty()) {
            log.info("Password setup requested for an unknown email; nothing sent");
            return;
        }
        JavaMailSender sender = mail.getIfAvailable();
        if (sender == null) {
            throw ApiError.unavailable("Sending email is not configured (spring.mail.host)");
        }
        String token = Ids.newSecret();
        OffsetDateTime now = now();
        repository.retireSetupTokens(customerId.get(), now);
        repository.insertSetupToken(Ids.sha256(token), customerId.get(), now,
                now.plus(properties.passwordSetup().validity()));
        String link = properties.passwordSetup().urlTemplate().replace("{token}", token);
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(properties.passwordSetup().from());
        message.setTo(repository.emailOf(customerId.get()).orElse(email));
        message.setSubject(properties.passwordSetup().subject());
        message.setText("To set up your password, open this link:\n\n" + link + "\n\nThe link works once, until "
                + ApiTime.format(now.plus(properties.passwordSetup().validity()).toInstant(), clock) + ".\n");
        try {
            sender.send(message);
        } catch (MailException e) {
            log.warn("Password setup email could not be sent: {}", e.getClass().getSimpleName());
            throw ApiError.unavailable("The email could not be sent; try again later");
        }
    }

    /**
     * Sets a new password with the token of a password setup link; the token works once and until it expires.
     * The contract has no operation for this step (the page behind the link calls it through its own backend).
     */
    @Transactional(noRollbackFor = ApiError.class)
    public String setPasswordWithToken(String token, String newPassword) {
        String hash = Ids.sha256(token);
        CustomerLoginRepository.SetupToken stored = repository.setupToken(hash)
                .orElseThrow(() -> ApiError.badRequest("token", Reason.NOT_FOUND, "Unknown password setup token"));
        if (stored.usedAt() != null || !stored.validTo().isAfter(now()) || !repository.useSetupToken(hash, now())) {
            throw ApiError.badRequest("token", Reason.NOT_ALLOWED_VALUE, "The link has been used or has expired");
        }
        if (newPassword == null || newPassword.isEmpty()) {
            throw ApiError.badRequest("password", Reason.EMPTY, "The password must not be empty");
        }
        if (!customers.exists(stored.customerId())) {
            throw ApiError.badRequest("token", Reason.NOT_FOUND, "The customer of the link no longer exists");
        }
        customers.setPassword(stored.customerId(), hasher.hash(newPassword));
        return stored.customerId();
    }

    /** {@code POST /customers/actions/verify-social-network-credentials}: the customer of a verified ID token. */
    @Transactional
    public String verifySocialNetwork(String networkId, String idToken) {
        SocialNetworkVerifier.Identity identity = socialNetworks.verify(networkId, idToken,
                "social_network_credentials.");
        Optional<String> linked = repository.customerOfSocialSubject(networkId, identity.subject());
        if (linked.isPresent()) {
            return linked.get();
        }
        // A verified email of the provider identifies the customer once; the subject is linked from then on.
        Optional<String> byEmail = Optional.ofNullable(identity.verifiedEmail())
                .flatMap(e -> repository.activeIdByEmail(e.trim().toLowerCase(Locale.ROOT)));
        byEmail.ifPresent(id -> repository.linkSocial(id, networkId, identity.subject(), now()));
        return byEmail.orElseThrow(() -> ApiError.badRequest("social_network_credentials.social_network_token",
                Reason.NOT_FOUND, "No customer is linked to this social network account"));
    }

    /** {@code POST /tokens/{id}/actions/social-network-login}. */
    @Transactional
    public String socialNetworkLogin(Caller caller, String tokenId, String networkId, String idToken) {
        tokens.requireOwnToken(caller, tokenId);
        String customerId = verifySocialNetwork(networkId, idToken);
        tokens.bindCustomer(caller, tokenId, customerId);
        return customerId;
    }

    /** The customer a login names: email (any case), phone held by one customer only, or a usable card. */
    private Optional<String> customerOfLogin(String loginType, String loginValue) {
        String value = normalized(loginType, loginValue);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        return switch (loginType) {
            case "email" -> repository.activeIdByEmail(value);
            case "phone" -> {
                List<String> ids = repository.activeIdsByPhone(value);
                yield ids.size() == 1 ? Optional.of(ids.getFirst()) : Optional.empty();
            }
            case "card" -> cards.customerOfUsableCard(value);
            default -> Optional.empty();
        };
    }

    private static String normalized(String loginType, String loginValue) {
        String value = loginValue == null ? "" : loginValue.trim();
        return "email".equals(loginType) ? value.toLowerCase(Locale.ROOT)
                : "phone".equals(loginType) ? io.patron.api.PhoneNumbers.normalize(value) : value;
    }

    @CoordinatedJob(name = "customer-login.purge-expired-tokens", every = "1h")
    @Transactional
    public void purgeExpiredTokens() {
        int purged = repository.purgeTokens(now().minusDays(1));
        if (purged > 0) {
            log.info("Purged {} expired customer authentication and password setup tokens", purged);
        }
    }
}
