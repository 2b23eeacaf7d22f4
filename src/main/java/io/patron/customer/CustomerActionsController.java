package io.patron.customer;

import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;

import io.patron.api.ApiController;

/** Customer actions that are not about logging in: newsletter sign-up. */
@ApiController
class CustomerActionsController {

    private final CustomerActionService actions;

    CustomerActionsController(CustomerActionService actions) {
        this.actions = actions;
    }

    @PostMapping("/customers/actions/newsletters-sign-up")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void newsletterSignUp(@Valid @RequestBody CustomerActionBodies.NewsletterSignUp body) {
        actions.newsletterSignUp(body);
    }
}
