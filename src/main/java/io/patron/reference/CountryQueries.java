package io.patron.reference;

import static io.patron.api.Filters.CONTAINS;
import static io.patron.db.Tables.COUNTRY;

import java.util.Locale;
import java.util.Map;

import org.jooq.DSLContext;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.patron.api.Language;
import io.patron.api.ListParams;
import io.patron.api.ListQueries;
import io.patron.api.ListSpec;
import io.patron.api.Page;
import io.patron.api.Translations;

/** Countries: ISO 3166 codes with names in the request's language. */
@Service
@Transactional(readOnly = true)
public class CountryQueries {

    public record Country(String countryId, String name, Integer state) {
    }

    private final ListQueries lists;
    private final DSLContext dsl;
    private final ReferenceCache cache;

    CountryQueries(ListQueries lists, DSLContext dsl, ReferenceCache cache) {
        this.lists = lists;
        this.dsl = dsl;
        this.cache = cache;
    }

    /** Whether {@code code} is an ISO 3166-1 alpha-2 country code Patron knows, in either case. */
    public boolean exists(String code) {
        return code != null && states().containsKey(code.toUpperCase(Locale.ROOT));
    }

    /** Every country's state by its code, from memory. */
    private Map<String, Integer> states() {
        return cache.get("countries:states", () -> Map.copyOf(dsl.select(COUNTRY.ID, COUNTRY.STATE).from(COUNTRY)
                .fetchMap(COUNTRY.ID, COUNTRY.STATE)));
    }

    private static ListSpec<Country> spec(Language language) {
        return ListSpec.<Country>from(COUNTRY)
                .id("country_id", COUNTRY.ID)
                .field("name", Translations.text("country.name", COUNTRY.ID, language))
                .field("state", COUNTRY.STATE)
                .filter("country_id", id -> COUNTRY.ID.equalIgnoreCase(id))
                .filter("country_name", Translations.text("country.name", COUNTRY.ID, language), CONTAINS)
                .map(r -> new Country(r.get("country_id", String.class), r.get("name", String.class),
                        r.get("state", Integer.class)));
    }

    /** Whether the code names an active country of the project (ISO 3166 alpha-2, any case). */
    public boolean isActive(String countryCode) {
        return countryCode != null
                && Integer.valueOf(1).equals(states().get(countryCode.toUpperCase(Locale.ROOT)));
    }

    public Page<Country> countries(ListParams params, Language language) {
        return cache.get(ReferenceCache.listKey("countries", params, language),
                () -> lists.page(spec(language), params));
    }
}
