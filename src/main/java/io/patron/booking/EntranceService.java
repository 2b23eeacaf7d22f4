package io.patron.booking;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.patron.api.ApiError;
import io.patron.api.ApiTime;
import io.patron.api.Caller;
import io.patron.api.CustomerScope;
import io.patron.api.InvalidParam;
import io.patron.api.Reason;
import io.patron.booking.EntranceBodies.CustomerStats;
import io.patron.booking.EntranceBodies.EntranceChange;
import io.patron.booking.EntranceBodies.EntranceRecord;
import io.patron.card.CardBodies;
import io.patron.card.CardQueries;
import io.patron.card.CustomerDirectory;
import io.patron.common.Ids;

/**
 * Charged entrances: recorded (inserted or updated by POS and external id) as the POS systems report them through
 * the entrance import, corrected or deactivated through {@code PUT}, and the customer's usage statistics.
 */
@Service
@Transactional
public class EntranceService {

    static final List<Integer> POS_IDS = List.of(3, 6, 9, 11);

    private final EntranceRepository repository;
    private final CardQueries cards;
    private final CustomerDirectory customers;
    private final Clock clock;

    EntranceService(EntranceRepository repository, CardQueries cards, CustomerDirectory customers, Clock clock) {
        this.repository = repository;
        this.cards = cards;
        this.customers = customers;
        this.clock = clock;
    }

    /** Records what a POS reported; the entrance's id. Throws IllegalArgumentException naming what is wrong. */
    public String record(EntranceRecord in) {
        if (in.posId() == null || !POS_IDS.contains(in.posId())) {
            throw new IllegalArgumentException("pos_id must be one of " + POS_IDS);
        }
        if (in.externalEntranceId() == null || in.externalEntranceId().isBlank()) {
            throw new IllegalArgumentException("external_entrance_id is required");
        }
        CardBodies.Card card;
        if (in.cardId() != null) {
            card = cards.card(new Caller.Anonymous("entrance-import"), in.cardId());
        } else if (in.cardNumber() != null) {
            card = cards.cardByNumber(in.cardNumber())
                    .orElseThrow(() -> new IllegalArgumentException("no card has the number " + in.cardNumber()));
        } else {
            throw new IllegalArgumentException("card_id or card_number is required");
        }
        if (in.entranceTypeId() != null && (in.entranceTypeId() < 0 || in.entranceTypeId() > 2)) {
            throw new IllegalArgumentException("entrance_type_id must be 0, 1 or 2");
        }
        int state = in.state() == null ? 1 : in.state();
        if (state != 0 && state != 1) {
            throw new IllegalArgumentException("state must be 0 or 1");
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        var e = repository.byExternal(in.posId(), in.externalEntranceId()).orElseGet(() -> {
            var created = repository.newEntrance();
            created.setId(Ids.newId());
            created.setPosId(in.posId());
            created.setExternalEntranceId(in.externalEntranceId());
            created.setCreatedAt(now);
            return created;
        });
        e.setCardId(card.cardId());
        e.setCustomerId(card.customerId());
        e.setName(in.name());
        e.setResortName(in.resortName());
        e.setCustomerCategoryName(in.customerCategoryName());
        e.setExternalOrderId(in.externalOrderId());
        e.setExternalTurnstilePermissionId(in.externalTurnstilePermissionId());
        e.setEntranceTypeId(in.entranceTypeId());
        e.setOrderItemId(in.orderItemId());
        e.setChargedPrice(in.chargedPrice() == null ? null : in.chargedPrice().setScale(4, RoundingMode.HALF_UP));
        e.setProductIds(in.productIds() == null || in.productIds().isEmpty() ? null
                : String.join(",", in.productIds()));
        e.setChargeDate(in.chargeDate() == null ? null
                : ApiTime.parseDateTime(in.chargeDate(), clock.getZone()).atZone(clock.getZone()).toOffsetDateTime());
        e.setValidFrom(in.validFrom() == null ? null : ApiTime.parseDate(in.validFrom()));
        e.setValidTo(in.validTo() == null ? null : ApiTime.parseDate(in.validTo()));
        boolean deactivatedInPatron = Boolean.TRUE.equals(e.getDeactivated());
        if (deactivatedInPatron) {
            // a deactivation in Patron holds until Patron's API reactivates the entrance, whatever the POS reports
            state = 0;
        } else if (state == 0 && e.getState() != null && e.getState() == 0) {
            // already cancelled by the POS: keep when
        } else if (state == 0) {
            e.setDeactivated(false);
            e.setCancelledAt(now);
        } else {
            e.setDeactivated(false);
            e.setCancelledAt(null);
        }
        e.setState(state);
        e.setLastChange(now);
        e.store();
        if (in.usages() != null) {
            for (var usage : in.usages()) {
                repository.usage(e.getId(), usage.date(),
                        usage.distanceKm() == null ? BigDecimal.ZERO : usage.distanceKm(),
                        usage.elevationM() == null ? BigDecimal.ZERO : usage.elevationM());
            }
        }
        return e.getId();
    }

    /**
     * {@code PUT /entrances/{id}}: corrects the entrance type; state 0 deactivates the entrance in Patron, state 1
     * reactivates one Patron deactivated (an entrance the POS cancelled stays cancelled).
     */
    public void replace(String id, EntranceChange change) {
        var e = repository.lock(id).orElseThrow(() -> ApiError.notFound("entrances", id));
        List<InvalidParam> errors = new ArrayList<>();
        if (!id.equals(change.entranceId())) {
            errors.add(InvalidParam.of("entrance.entrance_id", Reason.NOT_ALLOWED_VALUE, change.entranceId(),
                    "The body names another entrance than the path"));
        }
        if (!e.getPosId().equals(change.posId())) {
            errors.add(InvalidParam.of("entrance.pos_id", Reason.NOT_ALLOWED_VALUE, change.posId(),
                    "The entrance was charged by another POS system"));
        }
        if (change.state() == 1 && e.getState() == 0 && !e.getDeactivated()) {
            errors.add(InvalidParam.of("entrance.state", Reason.NOT_ALLOWED_VALUE, change.state(),
                    "The POS system cancelled this entrance"));
        }
        if (!errors.isEmpty()) {
            throw ApiError.badRequest(errors);
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        e.setEntranceTypeId(change.entranceTypeId());
        if (change.state() == 0 && e.getState() == 1) {
            e.setDeactivated(true);
            e.setCancelledAt(now);
        } else if (change.state() == 1 && e.getState() == 0) {
            e.setDeactivated(false);
            e.setCancelledAt(null);
        }
        e.setState(change.state());
        e.setLastChange(now);
        e.update();
    }

    /**
     * {@code GET /entrances/actions/customer-stats}: over the customer's active entrances, the kilometres and metres
     * of elevation the turnstiles reported and the days of use; the achievement is the highest of 1, 10, 50 and
     * 100 days reached.
     */
    @Transactional(readOnly = true)
    public CustomerStats customerStats(Caller caller, String customerId) {
        if (customerId == null || customerId.isBlank()) {
            throw ApiError.badRequest("customer_id", Reason.REQUIRED, "customer_id is required");
        }
        CustomerScope.requireAccess(caller, customerId, "customer_id");
        if (!customers.exists(customerId)) {
            throw ApiError.notFound("customers", customerId);
        }
        var usage = repository.usageOf(customerId);
        int days = usage.value3();
        String achievement = days >= 100 ? "skier_days_100" : days >= 50 ? "skier_days_50"
                : days >= 10 ? "skier_days_10" : days >= 1 ? "skier_days_1" : null;
        return new CustomerStats(ReservationService.plain(usage.value1()), ReservationService.plain(usage.value2()),
                days, achievement);
    }
}
