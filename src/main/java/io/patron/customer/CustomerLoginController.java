package io.patron.customer;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;

import io.patron.api.ApiController;
import io.patron.api.ApiError;
import io.patron.api.ApiInterface;
import io.patron.api.Caller;
import io.patron.api.Envelope;
import io.patron.api.InvalidParam;
import io.patron.api.OnlyIn;
import io.patron.api.QueryParams;
import io.patron.api.Reason;

/**
 * Customer credentials: verification in the Enterprise API ({@code /customers/actions/*}) and
 * login on a Customer API token ({@code /tokens/{token_id}/actions/*}, always with that token).
 */
@ApiController
class CustomerLoginController {

    private static final Set<String> VERIFY_TYPES = Set.of("email", "card");
    private static final Set<String> LOGIN_TYPES = Set.of("email", "phone", "card");

    private final CustomerLoginService login;

    CustomerLoginController(CustomerLoginService login) {
        this.login = login;
    }

    @OnlyIn(ApiInterface.ENTERPRISE)
    @PostMapping("/customers/actions/verify-credentials")
    Envelope verifyCredentials(@Valid @RequestBody CustomerLoginBodies.Credentials body) {
        requireType(body.loginType(), VERIFY_TYPES);
        return Envelope.field("customer_id",
                login.verifyCredentials(body.loginType(), body.loginValue(), body.password()));
    }

    @OnlyIn(ApiInterface.CUSTOMER)
    @PostMapping("/tokens/{token_id}/actions/login")
    Envelope login(@PathVariable("token_id") String tokenId, @Valid @RequestBody CustomerLoginBodies.Credentials body,
                   Caller caller) {
        requireType(body.loginType(), LOGIN_TYPES);
        return Envelope.field("customer_id",
                login.login(caller, tokenId, body.loginType(), body.loginValue(), body.password()));
    }

    @OnlyIn(ApiInterface.CUSTOMER)
    @PostMapping("/tokens/{token_id}/actions/login-test-customer")
    Envelope loginTestCustomer(@PathVariable("token_id") String tokenId, Caller caller) {
        return Envelope.field("customer_id", login.loginTestCustomer(caller, tokenId));
    }

    @OnlyIn(ApiInterface.ENTERPRISE)
    @PostMapping("/customers/actions/auth-token")
    Envelope authToken(@Valid @RequestBody CustomerLoginBodies.AuthTokenRequest body) {
        return Envelope.of(login.issueAuthToken(body.customerId(), body.externalApplicationId(), body.tokenType()));
    }

    @OnlyIn(ApiInterface.CUSTOMER)
    @GetMapping("/tokens/{token_id}/actions/auth-token")
    Envelope tokenAuthToken(@PathVariable("token_id") String tokenId, HttpServletRequest request, Caller caller) {
        QueryParams query = new QueryParams(request);
        List<InvalidParam> errors = new ArrayList<>();
        String applicationId = query.string("external_application_id");
        if (applicationId == null) {
            errors.add(InvalidParam.of("external_application_id", Reason.REQUIRED, "Required"));
        }
        Integer tokenType = query.integer("token_type", errors);
        if (tokenType == null && errors.isEmpty()) {
            errors.add(InvalidParam.of("token_type", Reason.REQUIRED, "Required"));
        }
        if (!errors.isEmpty()) {
            throw ApiError.badRequest(errors);
        }
        return Envelope.of(login.issueAuthToken(caller, tokenId, applicationId, tokenType));
    }

    @OnlyIn(ApiInterface.ENTERPRISE)
    @PostMapping("/customers/actions/verify-auth-token")
    Envelope verifyAuthToken(@Valid @RequestBody CustomerLoginBodies.AuthTokenUse body) {
        return Envelope.field("customer_id",
                login.verifyAuthToken(body.applicationId(), body.token(), body.tokenRequestId()));
    }

    @OnlyIn(ApiInterface.CUSTOMER)
    @PostMapping("/tokens/{token_id}/actions/authentication-token-login")
    Envelope authTokenLogin(@PathVariable("token_id") String tokenId,
                            @Valid @RequestBody CustomerLoginBodies.AuthTokenUse body, Caller caller) {
        return Envelope.field("customer_id", login.authTokenLogin(caller, tokenId, body.applicationId(),
                body.token(), body.tokenRequestId()));
    }

    @OnlyIn(ApiInterface.CUSTOMER)
    @PostMapping("/tokens/{token_id}/actions/send-password-setup-email")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void sendPasswordSetupEmail(@PathVariable("token_id") String tokenId,
                                @Valid @RequestBody CustomerLoginBodies.PasswordSetup body, Caller caller) {
        // Only email delivery exists: recipient (any channel id) or the deprecated email.
        String recipient = body.recipient() != null && !body.recipient().isBlank() ? body.recipient() : body.email();
        if (recipient == null || recipient.isBlank()) {
            throw ApiError.badRequest("recipient", Reason.REQUIRED, "recipient (or the deprecated email) is required");
        }
        login.sendPasswordSetupEmail(caller, tokenId, recipient);
    }

    @OnlyIn(ApiInterface.ENTERPRISE)
    @PostMapping("/customers/actions/verify-social-network-credentials")
    Envelope verifySocialNetwork(@Valid @RequestBody CustomerLoginBodies.SocialLogin body) {
        var credentials = body.socialNetworkCredentials();
        return Envelope.field("customer_id",
                login.verifySocialNetwork(credentials.socialNetworkId(), credentials.socialNetworkToken()));
    }

    @OnlyIn(ApiInterface.CUSTOMER)
    @PostMapping("/tokens/{token_id}/actions/social-network-login")
    Envelope socialNetworkLogin(@PathVariable("token_id") String tokenId,
                                @Valid @RequestBody CustomerLoginBodies.SocialLogin body, Caller caller) {
        var credentials = body.socialNetworkCredentials();
        return Envelope.field("customer_id", login.socialNetworkLogin(caller, tokenId,
                credentials.socialNetworkId(), credentials.socialNetworkToken()));
    }

    private static void requireType(String loginType, Set<String> allowed) {
        if (!allowed.contains(loginType)) {
            throw ApiError.badRequest(List.of(InvalidParam.of("login_type", Reason.NOT_ALLOWED_VALUE, loginType,
                    "Allowed values: " + String.join(", ", allowed.stream().sorted().toList()))));
        }
    }
}
