package io.patron.loyalty;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import io.patron.api.ApiController;
import io.patron.api.Envelope;
import io.patron.api.Language;
import io.patron.api.ListParams;

/** Point types and credit types (from the project file; read-only in the API). */
@ApiController
class LoyaltyTypeController {

    private final LoyaltyQueries queries;

    LoyaltyTypeController(LoyaltyQueries queries) {
        this.queries = queries;
    }

    @GetMapping("/point-types")
    Envelope pointTypes(ListParams params, Language language) {
        return Envelope.list("point_types", queries.pointTypes(params, language));
    }

    @GetMapping("/point-types/{point_type_id}")
    Envelope pointType(@PathVariable("point_type_id") String id, Language language) {
        return Envelope.of(queries.pointType(id, language));
    }

    @GetMapping("/credit-types")
    Envelope creditTypes(ListParams params, Language language) {
        return Envelope.list("credit_types", queries.creditTypes(params, language));
    }

    @GetMapping("/credit-types/{credit_type_id}")
    Envelope creditType(@PathVariable("credit_type_id") String id, Language language) {
        return Envelope.of(queries.creditType(id, language));
    }
}
