package io.patron.auth;

import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;

import io.patron.api.Anonymous;
import io.patron.api.ApiController;
import io.patron.api.ApiInterface;
import io.patron.api.Caller;
import io.patron.api.Envelope;
import io.patron.api.OnlyIn;

/** Customer API tokens of client application installations. */
@ApiController
class TokenController {

    private final CustomerTokenService tokens;

    TokenController(CustomerTokenService tokens) {
        this.tokens = tokens;
    }

    @Anonymous
    @OnlyIn(ApiInterface.CUSTOMER)
    @PostMapping("/tokens")
    @ResponseStatus(HttpStatus.CREATED)
    Envelope create(@Valid @RequestBody TokenRequests.NewToken body) {
        return Envelope.field("token_id", tokens.create(body));
    }

    @OnlyIn(ApiInterface.CUSTOMER)
    @PutMapping("/tokens/{token_id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void update(@PathVariable("token_id") String tokenId, @Valid @RequestBody TokenRequests.TokenUpdate body,
                Caller caller) {
        tokens.update(caller, tokenId, body);
    }

    @PostMapping("/tokens/{token_id}/actions/logout")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void logout(@PathVariable("token_id") String tokenId, Caller caller) {
        tokens.logout(caller, tokenId);
    }
}
