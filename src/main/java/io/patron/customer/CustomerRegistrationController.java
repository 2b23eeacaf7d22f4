package io.patron.customer;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

import io.patron.api.Anonymous;
import io.patron.api.ApiController;
import io.patron.api.Envelope;

/** Checks before a registration: validate-customer-data and check-registration-ability. */
@ApiController
class CustomerRegistrationController {

    record CheckBody(@NotBlank String type, @NotNull String value) {
    }

    private final CustomerRegistrationService registration;

    CustomerRegistrationController(CustomerRegistrationService registration) {
        this.registration = registration;
    }

    @Anonymous
    @PostMapping("/customers/actions/validate-customer-data")
    Envelope validate(@Valid @RequestBody CheckBody body) {
        return Envelope.field("is_valid", registration.isValid(body.type(), body.value()));
    }

    @PostMapping("/customers/actions/check-registration-ability")
    Envelope check(@Valid @RequestBody CheckBody body) {
        return Envelope.field("registration_ability", registration.canRegister(body.type(), body.value()));
    }
}
