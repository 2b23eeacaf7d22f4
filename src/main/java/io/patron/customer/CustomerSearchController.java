package io.patron.customer;

import org.springframework.web.bind.annotation.GetMapping;

import io.patron.api.ApiController;
import io.patron.api.ApiInterface;
import io.patron.api.Envelope;
import io.patron.api.ListParams;
import io.patron.api.OnlyIn;

/** Cash-desk identification of customers. */
@ApiController
class CustomerSearchController {

    private final CustomerSearchService search;

    CustomerSearchController(CustomerSearchService search) {
        this.search = search;
    }

    @OnlyIn(ApiInterface.ENTERPRISE)
    @GetMapping("/customers/actions/search-customers")
    Envelope search(ListParams params) {
        return Envelope.field("strict", search.search(params));
    }
}
