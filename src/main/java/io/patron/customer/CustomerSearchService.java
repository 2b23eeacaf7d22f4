package io.patron.customer;

import static io.patron.db.Tables.CUSTOMER;

import java.util.List;

import org.jooq.impl.DSL;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.patron.api.ListParams;
import io.patron.api.ListQueries;
import io.patron.api.ListSpec;
import io.patron.card.CardService;

/**
 * {@code search-customers}: customers identified by names, birthdate and card number together, for
 * cash-desk lookups. Names and birthdate use the same filter definitions as {@code GET /customers}.
 */
@Service
@Transactional(readOnly = true)
public class CustomerSearchService {

    /** One found customer; {@code match} is the percentage of the given identifiers it matches. */
    public record Match(String customerId, int match) {
    }

    static final int MAX_RESULTS = 1000;
    private static final List<String> IDENTIFIERS = List.of("first_name", "last_name", "birthdate", "card_number");

    private final ListQueries lists;
    private final ListSpec<Match> spec;

    CustomerSearchService(ListQueries lists, CardService cards) {
        this.lists = lists;
        // every result matches every identifier given (the identifiers are combined with AND)
        this.spec = ListSpec.<Match>from(CUSTOMER)
                .id("customer_id", CUSTOMER.ID)
                .defaultOrder(CUSTOMER.LAST_NAME, CUSTOMER.FIRST_NAME)
                .filters(CustomerQueries::personFilters)
                .filter("card_number", v -> cards.customerOfUsableCard(v).map(CUSTOMER.ID::eq)
                        .orElse(DSL.falseCondition()))
                .strictMode()
                .map(r -> new Match(r.get("customer_id", String.class), 100));
    }

    public List<Match> search(ListParams params) {
        // without any identifier nothing is found (the parameters are still checked)
        boolean anyGiven = IDENTIFIERS.stream().anyMatch(p -> params.filters().query().string(p) != null);
        return lists.matching(spec, params, anyGiven ? CUSTOMER.STATE.ne(0) : DSL.falseCondition(), MAX_RESULTS);
    }
}
