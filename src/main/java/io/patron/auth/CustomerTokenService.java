package io.patron.auth;

import java.time.Clock;
import java.time.OffsetDateTime;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.patron.api.ApiError;
import io.patron.api.Caller;
import io.patron.api.Languages;
import io.patron.api.Reason;
import io.patron.common.Ids;

/** Customer API tokens: one per installation of a client application, optionally bound to a customer. */
@Service
public class CustomerTokenService {

    private final AuthRepository repository;
    private final AuthService authService;
    private final Languages languages;
    private final Clock clock;

    CustomerTokenService(AuthRepository repository, AuthService authService, Languages languages, Clock clock) {
        this.repository = repository;
        this.authService = authService;
        this.languages = languages;
        this.clock = clock;
    }

    /** {@code POST /tokens}: a new token that replaces the previous one of the same device and application. */
    @Transactional
    public String create(TokenRequests.NewToken request) {
        authService.requireApplication(request.externalApplicationId(), "customer", "external_application_id");
        requireLanguage(request.setup());
        String token = Ids.newSecret();
        repository.replaceCustomerToken(Ids.sha256(token), request.externalApplicationId(), request.device(),
                request.setup(), request.pushToken(), OffsetDateTime.now(clock))
                .ifPresent(authService::forgetCustomerToken);
        return token;
    }

    /** {@code PUT /tokens/{id}}: replaces setup and push token of the caller's own token. */
    @Transactional
    public void update(Caller caller, String tokenId, TokenRequests.TokenUpdate request) {
        String hash = ownToken(caller, tokenId);
        requireLanguage(request.setup());
        repository.updateCustomerTokenSetup(hash, request.setup(), request.pushToken(), OffsetDateTime.now(clock));
    }

    /**
     * {@code POST /tokens/{id}/actions/logout}: unbinds the customer; the token itself stays usable.
     * An Enterprise user may log out any token (back office); a Customer API caller only its own.
     */
    @Transactional
    public void logout(Caller caller, String tokenId) {
        String hash = caller instanceof Caller.User ? existingToken(tokenId) : ownToken(caller, tokenId);
        repository.setTokenCustomer(hash, null, OffsetDateTime.now(clock));
        authService.forgetCustomerToken(hash);
    }

    /** Binds a customer to the token the caller is authenticated with (sign-up with autologin). */
    @Transactional
    public void bindCustomer(Caller caller, String customerId) {
        if (!(caller instanceof Caller.CustomerToken own)) {
            throw ApiError.forbidden("Only a Customer API token can have a customer logged in");
        }
        repository.setTokenCustomer(own.tokenHash(), customerId, OffsetDateTime.now(clock));
        authService.forgetCustomerToken(own.tokenHash());
    }

    /** Binds a customer to the caller's token (used by the customer login operations). */
    @Transactional
    public void bindCustomer(Caller caller, String tokenId, String customerId) {
        String hash = ownToken(caller, tokenId);
        repository.setTokenCustomer(hash, customerId, OffsetDateTime.now(clock));
        authService.forgetCustomerToken(hash);
    }

    /**
     * The token in the path must exist and be the credential of the request (403 otherwise);
     * checked before any login work so that a foreign token cannot be used to try passwords.
     * Not transactional of its own: its 403/404 must not mark the caller's transaction rollback-only.
     */
    public void requireOwnToken(Caller caller, String tokenId) {
        ownToken(caller, tokenId);
    }

    private String existingToken(String tokenId) {
        String hash = Ids.sha256(tokenId);
        if (repository.customerToken(hash).isEmpty()) {
            throw ApiError.notFound("tokens", tokenId);
        }
        return hash;
    }

    /** The token in the path must exist and be the one the request is authenticated with. */
    private String ownToken(Caller caller, String tokenId) {
        String hash = existingToken(tokenId);
        if (!(caller instanceof Caller.CustomerToken own) || !own.tokenHash().equals(hash)) {
            throw ApiError.forbidden("A token can only be changed with itself as the credential");
        }
        return hash;
    }

    private void requireLanguage(TokenRequests.Setup setup) {
        if (!languages.isActive(setup.languageId())) {
            throw ApiError.badRequest("setup.language_id", Reason.NOT_FOUND, "Not an active language of the project");
        }
    }
}
