package io.patron.reference;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import io.patron.api.Anonymous;
import io.patron.api.ApiController;
import io.patron.api.Envelope;
import io.patron.api.Language;
import io.patron.api.ListParams;

/** Read-only reference resources and the connection test. */
@ApiController
class ReferenceController {

    private final CountryQueries countries;

    ReferenceController(CountryQueries countries) {
        this.countries = countries;
    }

    /** Answers the test string reversed: proof that the API is reachable and the caller accepted. */
    @Anonymous
    @GetMapping("/tests/connection")
    Envelope connection(@RequestParam(name = "test_string", required = false) String testString) {
        return Envelope.field("test_string",
                testString == null ? "" : new StringBuilder(testString).reverse().toString());
    }

    @GetMapping("/countries")
    Envelope countries(ListParams params, Language language) {
        return Envelope.list("countries", countries.countries(params, language));
    }
}
