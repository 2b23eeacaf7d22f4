package io.patron.reference;

import static io.patron.api.Filters.CONTAINS;
import static io.patron.db.Tables.CURRENCY;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.patron.api.ApiError;
import io.patron.api.Language;
import io.patron.api.ListParams;
import io.patron.api.ListQueries;
import io.patron.api.ListSpec;
import io.patron.api.Page;
import io.patron.api.Translations;
import io.patron.common.Ids;

/**
 * The project's currencies: ISO 4217 codes with names in the request's language. Only active
 * currencies (the project currency and the configured extra ones) are shown; a currency that was
 * active once keeps its row and id, so that old credits and purchases still name it.
 */
@Service
@Transactional(readOnly = true)
public class CurrencyQueries {

    public record Currency(String currencyId, String name, String code) {
    }

    private final ListQueries lists;
    private final DSLContext dsl;
    private final ReferenceCache cache;

    CurrencyQueries(ListQueries lists, DSLContext dsl, ReferenceCache cache) {
        this.lists = lists;
        this.dsl = dsl;
        this.cache = cache;
    }

    /** The id of a currency code; stable, so every node and every restart agree. */
    public static String currencyId(String code) {
        return Ids.stable("currency", code.toUpperCase(Locale.ROOT));
    }

    /** The name in the request's language; the code where no name is known (the contract requires one). */
    private static Field<String> name(Language language) {
        return DSL.coalesce(Translations.text("currency.name", CURRENCY.ID, language), CURRENCY.CODE);
    }

    private static ListSpec<Currency> spec(Language language) {
        return ListSpec.<Currency>from(CURRENCY)
                .id("currency_id", CURRENCY.ID)
                .field("name", name(language))
                .field("code", CURRENCY.CODE)
                .defaultOrder(CURRENCY.CODE)
                .filter("currency_name", name(language), CONTAINS)
                .filter("currency_code", code -> CURRENCY.CODE.equalIgnoreCase(code.trim()))
                .map(r -> new Currency(r.get("currency_id", String.class), r.get("name", String.class),
                        r.get("code", String.class)));
    }

    public Page<Currency> currencies(ListParams params, Language language) {
        return cache.get(ReferenceCache.listKey("currencies", params, language),
                () -> lists.page(spec(language), params, CURRENCY.ACTIVE.isTrue()));
    }

    public Currency currency(String id, Language language) {
        return active(language).stream().filter(c -> c.currencyId().equals(id)).findFirst()
                .orElseThrow(() -> ApiError.notFound("currencies", id));
    }

    /** The active currency with this ISO code, if the project accepts it. */
    public Optional<Currency> activeByCode(String code, Language language) {
        return active(language).stream().filter(c -> c.code().equalsIgnoreCase(code)).findFirst();
    }

    /** Which of these ids name active currencies (for batch checks of prices). */
    public Set<String> activeIds(Collection<String> ids) {
        Set<String> active = cache.get("currencies:active-ids",
                () -> Set.copyOf(dsl.select(CURRENCY.ID).from(CURRENCY).where(CURRENCY.ACTIVE.isTrue())
                        .fetch(CURRENCY.ID)));
        return ids.stream().filter(active::contains).collect(java.util.stream.Collectors.toSet());
    }

    /** The active currencies with their names in {@code language}, from memory (a handful per project). */
    private List<Currency> active(Language language) {
        return cache.get("currencies:active|" + language.id() + '/' + language.fallback(),
                () -> List.copyOf(lists.all(spec(language), CURRENCY.ACTIVE.isTrue())));
    }
}
