package io.patron.reference;

import static io.patron.api.Filters.CONTAINS;
import static io.patron.db.Tables.CURRENCY;

import java.util.Collection;
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

    CurrencyQueries(ListQueries lists, DSLContext dsl) {
        this.lists = lists;
        this.dsl = dsl;
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
        return lists.page(spec(language), params, CURRENCY.ACTIVE.isTrue());
    }

    public Currency currency(String id, Language language) {
        return lists.one(spec(language), CURRENCY.ID.eq(id).and(CURRENCY.ACTIVE.isTrue()))
                .orElseThrow(() -> ApiError.notFound("currencies", id));
    }

    /** The active currency with this ISO code, if the project accepts it. */
    public Optional<Currency> activeByCode(String code, Language language) {
        return lists.one(spec(language), CURRENCY.CODE.equalIgnoreCase(code).and(CURRENCY.ACTIVE.isTrue()));
    }

    /** Which of these ids name active currencies (one query, for batch checks of prices). */
    public Set<String> activeIds(Collection<String> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        return dsl.select(CURRENCY.ID).from(CURRENCY).where(CURRENCY.ID.in(ids)).and(CURRENCY.ACTIVE.isTrue())
                .fetchSet(CURRENCY.ID);
    }
}
