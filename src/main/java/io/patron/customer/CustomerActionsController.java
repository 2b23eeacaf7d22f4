package io.patron.customer;

import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;

import io.patron.api.ApiController;
import io.patron.api.ApiInterface;
import io.patron.api.Caller;
import io.patron.api.OnlyIn;

/** Customer actions that are not about logging in: newsletter sign-up, push notification registrations, photo upload. */
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

    @PostMapping("/customers/actions/set-push-notifications")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @OnlyIn(ApiInterface.ENTERPRISE)
    void setPushNotifications(@Valid @RequestBody CustomerActionBodies.SetPushNotifications body) {
        actions.setPushNotifications(body);
    }

    @PostMapping("/customers/actions/cancel-push-notifications")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @OnlyIn(ApiInterface.ENTERPRISE)
    void cancelPushNotifications(@Valid @RequestBody CustomerActionBodies.CancelPushNotifications body) {
        actions.cancelPushNotifications(body);
    }

    @PostMapping("/customers/actions/upload-customer-photo")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void uploadPhoto(@Valid @RequestBody CustomerActionBodies.UploadPhoto body, Caller caller) {
        actions.uploadPhoto(caller, body);
    }
}
