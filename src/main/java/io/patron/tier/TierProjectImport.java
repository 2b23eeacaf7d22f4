package io.patron.tier;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import io.patron.api.Translations;
import io.patron.common.Ids;
import io.patron.config.PatronProperties;
import io.patron.config.ProjectFile;
import io.patron.config.ProjectImport;
import io.patron.loyalty.LoyaltyLedger;
import io.patron.reference.CurrencyQueries;

/**
 * Imports the statuses and the money value of points from the project file; the file owns them (the API only reads
 * them), so a later import updates them:
 * <pre>
 * statuses:                           # lowest of the ladder first
 *   - text_id: silver                 # the key; the id is derived from it unless `id` is given
 *     name: { en: Silver, cs: Stříbrná }
 *     description: { en: ..., cs: ... }
 *     qualification_type: 2           # 0 on sign-up, 1 manually, 2 automatically when qualified
 *     qualification_period: 12        # months of earned points / turnover that count (automatic statuses)
 *     qualification_points: 1000      # points of the default point type earned within the period, and/or
 *     qualification_turnover:         # purchase turnover within the period, in any one of these currencies
 *       - { currency: CZK, value: 10000 }
 *     previous_status: member         # text ids of the neighbours in the ladder
 *     next_status: gold
 *     validity_months: 12             # how long a record lasts (absent: unlimited)
 *     collection_points: true         # the customer collects points
 *     payment_points: true            # the customer may pay by points
 *     discount: 5                     # basic loyalty discount, percent
 *     overall_discount_on_discounted_purchase_items: false
 * point_money_values:                 # what one point is worth when a status allows paying by points
 *   - { point_type: club, currency: CZK, value: 0.1 }   # point type text id (absent: the default type)
 * </pre>
 * Once a file defines statuses, every customer who never had a status record gets the sign-up status.
 */
@Component
class TierProjectImport implements ProjectImport {

    record Turnover(String currency, BigDecimal value) {
    }

    record Definition(String id, String textId, Object name, Object description, Integer qualificationType,
                      Integer qualificationPeriod, BigDecimal qualificationPoints, List<Turnover> qualificationTurnover,
                      String previousStatus, String nextStatus, Integer validityMonths, Boolean collectionPoints,
                      Boolean paymentPoints, Integer discount, Boolean overallDiscountOnDiscountedPurchaseItems) {
    }

    record MoneyValue(String pointType, String currency, BigDecimal value) {
    }

    private final StatusRepository repository;
    private final StatusService service;
    private final Translations translations;
    private final LoyaltyLedger ledger;
    private final PatronProperties settings;
    private final Clock clock;

    TierProjectImport(StatusRepository repository, StatusService service, Translations translations,
                      LoyaltyLedger ledger, PatronProperties settings, Clock clock) {
        this.repository = repository;
        this.service = service;
        this.translations = translations;
        this.ledger = ledger;
        this.settings = settings;
        this.clock = clock;
    }

    /** After the point types (30). */
    @Override
    public int order() {
        return 40;
    }

    @Override
    public void apply(ProjectFile file) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        statuses(file, now);
        moneyValues(file, now);
        if (!file.section("statuses", Definition.class).isEmpty()) {
            // customers who signed up before there was a sign-up status (the demo's, an existing project's)
            service.signUpEveryoneWithoutStatus();
        }
    }

    private void statuses(ProjectFile file, OffsetDateTime now) {
        List<Definition> definitions = file.section("statuses", Definition.class);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < definitions.size(); i++) {
            Definition d = definitions.get(i);
            String where = "Section 'statuses' of " + file.location() + ", item " + (i + 1);
            if (d.textId() == null || d.textId().isBlank()) {
                throw new IllegalStateException(where + ": text_id is required");
            }
            int type = d.qualificationType() == null ? Status.MANUAL : d.qualificationType();
            if (type < 0 || type > 2) {
                throw new IllegalStateException(where + ": qualification_type must be 0, 1 or 2");
            }
            Map<String, BigDecimal> turnover = new LinkedHashMap<>();
            for (Turnover t : d.qualificationTurnover() == null ? List.<Turnover>of() : d.qualificationTurnover()) {
                if (t.currency() == null || t.value() == null || t.value().signum() <= 0) {
                    throw new IllegalStateException(where + ": qualification_turnover needs a currency and a positive value");
                }
                turnover.put(CurrencyQueries.currencyId(t.currency()), t.value());
            }
            if (type == Status.AUTOMATIC && (d.qualificationPeriod() == null || d.qualificationPeriod() <= 0
                    || (d.qualificationPoints() == null && turnover.isEmpty()))) {
                throw new IllegalStateException(where + ": an automatic status needs a qualification_period (months)"
                        + " and qualification_points or qualification_turnover");
            }
            if ((d.qualificationPoints() != null && d.qualificationPoints().signum() <= 0)
                    || (d.validityMonths() != null && d.validityMonths() <= 0)
                    || (d.discount() != null && (d.discount() < 0 || d.discount() > 100))) {
                throw new IllegalStateException(where + ": qualification_points and validity_months must be positive,"
                        + " discount 0 to 100");
            }
            String id = repository.idByTextId(d.textId()).orElse(
                    d.id() == null || d.id().isBlank() ? Ids.stable("status", d.textId()) : d.id());
            ids.add(id);
            Status status = new Status(id, d.textId(), i, type,
                    type == Status.AUTOMATIC ? d.qualificationPeriod() : null,
                    d.qualificationPoints(), null, null, d.validityMonths(),
                    d.collectionPoints() == null || d.collectionPoints(), d.paymentPoints() == null || d.paymentPoints(),
                    d.discount() == null ? 0 : d.discount(),
                    Boolean.TRUE.equals(d.overallDiscountOnDiscountedPurchaseItems()), turnover);
            boolean changed = repository.upsert(status, now);
            boolean named = translations.put(StatusRepository.NAME, id,
                    ProjectFile.texts(d.name() == null ? d.textId() : d.name(), settings.languages()));
            boolean described = d.description() != null && translations.put(StatusRepository.DESCRIPTION, id,
                    ProjectFile.texts(d.description(), settings.languages()));
            if ((named || described) && !changed) {
                repository.touch(id, now);
            }
        }
        for (int i = 0; i < definitions.size(); i++) {
            Definition d = definitions.get(i);
            String where = "Section 'statuses' of " + file.location() + ", item " + (i + 1);
            repository.link(ids.get(i), neighbour(d.previousStatus(), where, "previous_status"),
                    neighbour(d.nextStatus(), where, "next_status"), now);
        }
    }

    private String neighbour(String textId, String where, String field) {
        if (textId == null || textId.isBlank()) {
            return null;
        }
        return repository.idByTextId(textId).orElseThrow(() ->
                new IllegalStateException(where + ": " + field + " names no status " + textId));
    }

    private void moneyValues(ProjectFile file, OffsetDateTime now) {
        List<MoneyValue> values = file.section("point_money_values", MoneyValue.class);
        for (int i = 0; i < values.size(); i++) {
            MoneyValue v = values.get(i);
            String where = "Section 'point_money_values' of " + file.location() + ", item " + (i + 1);
            if (v.currency() == null || v.value() == null || v.value().signum() <= 0) {
                throw new IllegalStateException(where + ": currency and a positive value are required");
            }
            String typeId = v.pointType() == null ? ledger.defaultPointTypeId().orElseThrow(() ->
                            new IllegalStateException(where + ": no point type is defined"))
                    : ledger.pointTypes().stream().filter(t -> t.textId().equals(v.pointType())
                                    || t.typeId().equals(v.pointType())).map(LoyaltyLedger.TypeInfo::typeId)
                            .findFirst().orElseThrow(() -> new IllegalStateException(where + ": no point type "
                                    + v.pointType()));
            repository.putMoneyValue(typeId, CurrencyQueries.currencyId(v.currency()), v.value(), now);
        }
    }
}
