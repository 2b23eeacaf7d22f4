package io.patron.booking;

import static io.patron.db.Tables.RESERVABLE_PRODUCT;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import io.patron.api.Language;
import io.patron.catalog.CatalogQueries;
import io.patron.catalog.PluId;
import io.patron.catalog.Product;
import io.patron.config.PatronProperties;
import io.patron.jobs.CoordinatedJob;

/**
 * The search over reservable products: each keeps its names (every language) and codes (code, PLU ids) as lower-case
 * words, refreshed from the catalogue when flagged and by a job when the catalogue changed the product. A search
 * matches products having every word of the query as a word prefix (PostgreSQL: full-text prefix query on a GIN
 * index; H2: LIKE on the word-separated text) and ranks exact codes first, then names starting with the query, then
 * the rest, by name.
 */
@Component
class ReservableSearch {

    /** A found product and what matched: its codes, its names, or both. */
    record Hit(String productId, boolean codeMatched, boolean nameMatched) {
    }

    private final DSLContext dsl;
    private final CatalogQueries catalog;
    private final PatronProperties patron;
    private final Clock clock;

    ReservableSearch(DSLContext dsl, CatalogQueries catalog, PatronProperties patron, Clock clock) {
        this.dsl = dsl;
        this.catalog = catalog;
        this.patron = patron;
        this.clock = clock;
    }

    /** Reads the product's names and codes from the catalogue into the search columns. */
    @Transactional
    public void refresh(String productId) {
        Set<String> names = new LinkedHashSet<>();
        Product product = null;
        for (String language : patron.languages()) {
            product = catalog.product(productId, new Language(language, patron.languages().getFirst()));
            if (product.name() != null) {
                names.add(product.name());
            }
        }
        if (product == null) {
            return;
        }
        List<String> codes = new ArrayList<>();
        if (product.code() != null) {
            codes.add(product.code());
        }
        product.pluIds().stream().map(PluId::code).forEach(codes::add);
        dsl.update(RESERVABLE_PRODUCT)
                .set(RESERVABLE_PRODUCT.SEARCH_NAMES, words(String.join(" ", names)))
                .set(RESERVABLE_PRODUCT.SEARCH_CODES, words(String.join(" ", codes)))
                .set(RESERVABLE_PRODUCT.CATALOG_CHANGE, product.lastChange() == null ? null
                        : product.lastChange().atZone(clock.getZone()).toOffsetDateTime())
                .set(RESERVABLE_PRODUCT.LAST_CHANGE, OffsetDateTime.now(clock))
                .where(RESERVABLE_PRODUCT.PRODUCT_ID.eq(productId)).execute();
    }

    /** Refreshes the products the catalogue changed since their last refresh. */
    @CoordinatedJob(name = "reservable-product-search", every = "5m")
    public void refreshChanged() {
        for (var row : dsl.select(RESERVABLE_PRODUCT.PRODUCT_ID, RESERVABLE_PRODUCT.CATALOG_CHANGE)
                .from(RESERVABLE_PRODUCT).fetch()) {
            var product = catalog.product(row.value1(), new Language(patron.languages().getFirst(),
                    patron.languages().getFirst()));
            OffsetDateTime changed = product.lastChange() == null ? null
                    : product.lastChange().atZone(clock.getZone()).toOffsetDateTime();
            if (changed != null && (row.value2() == null || !row.value2().toInstant().equals(changed.toInstant()))) {
                refresh(row.value1());
            }
        }
    }

    /** Lower case, one space before every word (so a word prefix is {@code " word"}), no punctuation. */
    static String words(String text) {
        StringBuilder out = new StringBuilder();
        for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!word.isEmpty() && out.length() + word.length() < 3990) {
                out.append(' ').append(word);
            }
        }
        return out.toString();
    }

    private Condition matches(List<String> terms) {
        if (dsl.dialect().family() == SQLDialect.POSTGRES) {
            String query = String.join(" & ", terms.stream().map(t -> t + ":*").toList());
            return DSL.condition("to_tsvector('simple', {0} || ' ' || {1}) @@ to_tsquery('simple', {2})",
                    RESERVABLE_PRODUCT.SEARCH_NAMES, RESERVABLE_PRODUCT.SEARCH_CODES, DSL.val(query));
        }
        Field<String> text = RESERVABLE_PRODUCT.SEARCH_NAMES.concat(RESERVABLE_PRODUCT.SEARCH_CODES);
        return DSL.and(terms.stream().map(t -> text.like("% " + escape(t) + "%", '!')).toList());
    }

    private static String escape(String term) {
        return term.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    /** The page of reservable products matching every word of the query, best first, and the number of all. */
    @Transactional(readOnly = true)
    public io.patron.api.Page<Hit> search(String query, int count, int offset) {
        List<String> terms = List.of(words(query).trim().split(" ")).stream().filter(t -> !t.isEmpty()).toList();
        if (terms.isEmpty()) {
            return new io.patron.api.Page<>(List.of(), 0);
        }
        Condition where = matches(terms);
        String whole = String.join(" ", terms);
        Field<Integer> rank = DSL.when(RESERVABLE_PRODUCT.SEARCH_CODES.like("% " + escape(whole), '!')
                        .or(RESERVABLE_PRODUCT.SEARCH_CODES.like("% " + escape(whole) + " %", '!')), 3)
                .when(RESERVABLE_PRODUCT.SEARCH_NAMES.like(" " + escape(whole) + "%", '!'), 2)
                .otherwise(1);
        List<Hit> ids = dsl.select(RESERVABLE_PRODUCT.PRODUCT_ID, RESERVABLE_PRODUCT.SEARCH_NAMES,
                        RESERVABLE_PRODUCT.SEARCH_CODES).from(RESERVABLE_PRODUCT).where(where)
                .orderBy(rank.desc(), RESERVABLE_PRODUCT.SEARCH_NAMES, RESERVABLE_PRODUCT.PRODUCT_ID)
                .limit(count).offset(offset)
                .fetch(r -> new Hit(r.value1(), terms.stream().anyMatch(t -> r.value3().contains(" " + t)),
                        terms.stream().anyMatch(t -> r.value2().contains(" " + t))));
        int total = dsl.fetchCount(RESERVABLE_PRODUCT, where);
        return new io.patron.api.Page<>(ids, total);
    }
}
