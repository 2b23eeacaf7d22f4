package io.patron.customer;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import io.patron.api.Anonymous;
import io.patron.api.ApiController;
import io.patron.api.Envelope;
import io.patron.api.ListParams;
import io.patron.auth.ExternalApplicationQueries;

/** The Customer API applications of the project, which apps name when they ask for customer tokens. */
@ApiController
class CustomerExternalApplicationController {

    private final ExternalApplicationQueries applications;

    CustomerExternalApplicationController(ExternalApplicationQueries applications) {
        this.applications = applications;
    }

    @Anonymous
    @GetMapping("/customer-external-applications")
    Envelope applications(ListParams params) {
        return Envelope.list("customer_external_applications", applications.applications(params));
    }

    @Anonymous
    @GetMapping("/customer-external-applications/{customer_external_application_id}")
    Envelope application(@PathVariable("customer_external_application_id") String id) {
        return Envelope.of(applications.application(id));
    }
}
