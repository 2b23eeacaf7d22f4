package io.patron.customer;

import static io.patron.db.Tables.CUSTOMER;

import java.util.List;

import org.jooq.Condition;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.patron.api.Filters;
import io.patron.api.InvalidParam;
import io.patron.api.ListParams;
import io.patron.api.Reason;
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

    private final CustomerSearchRepository repository;
    private final CardService cards;

    CustomerSearchService(CustomerSearchRepository repository, CardService cards) {
        this.repository = repository;
        this.cards = cards;
    }

    public List<Match> search(ListParams params) {
        Filters filters = CustomerQueries.personFilters(params.filters())
                .custom("card_number", v -> cards.customerOfUsableCard(v).map(CUSTOMER.ID::eq)
                        .orElse(DSL.falseCondition()))
                .where(CUSTOMER.STATE.ne(0));
        String mode = filters.query().string("mode");
        if ("strict".equals(mode)) {
            filters.strictMode();
        } else if (mode != null && !mode.equals("none")) {
            filters.error(InvalidParam.of("mode", Reason.NOT_ALLOWED_VALUE, mode, "mode must be strict or none"));
        }
        Condition where = filters.condition();
        boolean anyGiven = List.of("first_name", "last_name", "birthdate", "card_number").stream()
                .anyMatch(p -> filters.query().string(p) != null);
        if (!anyGiven) {
            return List.of();
        }
        // every result matches every identifier given (the identifiers are combined with AND)
        return repository.ids(where, MAX_RESULTS).stream().map(id -> new Match(id, 100)).toList();
    }
}
