package io.patron.auth;

import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;

import io.patron.api.Anonymous;
import io.patron.api.ApiController;
import io.patron.api.ApiInterface;
import io.patron.api.Envelope;
import io.patron.api.Language;
import io.patron.api.ListParams;
import io.patron.api.OnlyIn;

/** Enterprise users: login, logout, token verification, and reads of users and roles. */
@ApiController
@OnlyIn(ApiInterface.ENTERPRISE)
class UserController {

    record LoginAnswer(String bearerToken, java.time.LocalDateTime validTo, UserQueries.User user) {
    }

    private final AuthService auth;
    private final UserQueries queries;
    private final SsoLogin sso;

    UserController(AuthService auth, UserQueries queries, SsoLogin sso) {
        this.auth = auth;
        this.queries = queries;
        this.sso = sso;
    }

    @Anonymous
    @PostMapping("/users/actions/login")
    Envelope login(@Valid @RequestBody TokenRequests.UserLogin body) {
        AuthService.LoginResult result = auth.login(body.userExternalApplicationId(), body.login(), body.password());
        return Envelope.of(new LoginAnswer(result.bearerToken(), result.validTo(), queries.user(result.userId())));
    }

    @Anonymous
    @PostMapping("/users/actions/sso-login")
    Envelope ssoLogin(@Valid @RequestBody TokenRequests.SsoLogin body) {
        AuthService.LoginResult result = sso.login(body.userExternalApplicationId(), body.ssoToken());
        return Envelope.of(new LoginAnswer(result.bearerToken(), result.validTo(), queries.user(result.userId())));
    }

    @PostMapping("/users/actions/logout")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void logout(@Valid @RequestBody TokenRequests.UserLogout body) {
        auth.logout(body.userExternalApplicationId(), body.bearerToken());
    }

    @PostMapping("/users/actions/verify-auth-token")
    Envelope verifyAuthToken(@Valid @RequestBody TokenRequests.VerifyAuthToken body) {
        return Envelope.field("user_id", auth.verifyAuthToken(body.authToken()));
    }

    @GetMapping("/users")
    Envelope users(ListParams params) {
        return Envelope.list("users", queries.users(params));
    }

    @GetMapping("/users/{user_id}")
    Envelope user(@PathVariable("user_id") String id) {
        return Envelope.of(queries.user(id));
    }

    @GetMapping("/user-roles")
    Envelope userRoles(ListParams params, Language language) {
        return Envelope.list("user_roles", queries.userRoles(params, language));
    }

    @GetMapping("/user-roles/{user_role_id}")
    Envelope userRole(@PathVariable("user_role_id") String id, Language language) {
        return Envelope.of(queries.userRole(id, language));
    }
}
