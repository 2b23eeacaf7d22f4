package io.patron.reference;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import io.patron.api.Anonymous;
import io.patron.api.ApiController;
import io.patron.api.Envelope;
import io.patron.api.Language;
import io.patron.api.ListParams;

/** Read-only standard data (countries, currencies, languages) and the connection test. */
@ApiController
class ReferenceController {

    private final CountryQueries countries;
    private final CurrencyQueries currencies;
    private final LanguageQueries languages;

    ReferenceController(CountryQueries countries, CurrencyQueries currencies, LanguageQueries languages) {
        this.countries = countries;
        this.currencies = currencies;
        this.languages = languages;
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

    @GetMapping("/currencies")
    Envelope currencies(ListParams params, Language language) {
        return Envelope.list("currencies", currencies.currencies(params, language));
    }

    @GetMapping("/currencies/{currency_id}")
    Envelope currency(@PathVariable("currency_id") String id, Language language) {
        return Envelope.of(currencies.currency(id, language));
    }

    /** Anonymous: a client needs the languages before it can log in (the contract lists no 401). */
    @Anonymous
    @GetMapping("/languages")
    Envelope languages(ListParams params) {
        return Envelope.list("languages", languages.languages(params));
    }
}
