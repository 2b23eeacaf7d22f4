package io.patron.engagement;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import io.patron.api.ApiController;
import io.patron.api.ApiInterface;
import io.patron.api.Envelope;
import io.patron.api.Language;
import io.patron.api.ListParams;
import io.patron.api.OnlyIn;

/** Hints ({@code /recommendations}) and a customer's hint records, audiences, customer engagement setups. */
@ApiController
class HintController {

    private final HintQueries queries;

    HintController(HintQueries queries) {
        this.queries = queries;
    }

    @GetMapping("/recommendations")
    Envelope hints(ListParams params, Language language) {
        return Envelope.list("recommendations", queries.hints(params, language));
    }

    @GetMapping("/recommendations/{recommendation_id}")
    Envelope hint(@PathVariable("recommendation_id") String id, Language language) {
        return Envelope.of(queries.hint(id, language));
    }

    @GetMapping("/customers/{customer_id}/recommendation-records")
    Envelope customerHints(@PathVariable("customer_id") String customerId, ListParams params, Language language) {
        return Envelope.list("recommendations", queries.customerHints(customerId, params, language));
    }

    @GetMapping("/audiences")
    @OnlyIn(ApiInterface.ENTERPRISE)
    Envelope audiences(ListParams params) {
        return Envelope.list("audiences", queries.audiences(params));
    }

    @GetMapping("/audiences/{audience_id}")
    @OnlyIn(ApiInterface.ENTERPRISE)
    Envelope audience(@PathVariable("audience_id") String id) {
        return Envelope.of(queries.audience(id));
    }

    @GetMapping("/customer-engagement-setups")
    Envelope setups(ListParams params) {
        return Envelope.list("customer_engagement_setups", queries.setups(params));
    }

    @GetMapping("/customer-engagement-setups/{customer_engagement_setup_id}")
    Envelope setup(@PathVariable("customer_engagement_setup_id") String id) {
        return Envelope.of(queries.setup(id));
    }
}
