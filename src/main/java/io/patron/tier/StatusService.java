package io.patron.tier;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.patron.api.ApiError;
import io.patron.api.ApiTime;
import io.patron.api.InvalidParam;
import io.patron.api.Reason;
import io.patron.common.Ids;
import io.patron.customer.CustomerConditions;
import io.patron.customer.CustomerService;
import io.patron.events.DomainEvents;
import io.patron.events.EventType;
import io.patron.loyalty.LoyaltyLedger;
import io.patron.loyalty.QualifyingEarnings;

/**
 * How customers get, keep and lose statuses. Every change of one customer's status holds that customer's row lock
 * (the ledger's wallet lock), so an evaluation after points were earned, the validity job and set-status-record
 * never interleave; the schema allows one active record per customer.
 * <ul>
 * <li>Sign-up: a new customer gets the lowest sign-up status (qualification type 0).</li>
 * <li>Upgrade: after points were earned (or a purchase), the customer gets the highest automatic status whose
 * qualification is met in its window ending now, when it ranks above the current one. A record set manually
 * (set-status-record) is never replaced automatically before it ends.</li>
 * <li>End of validity: the job ends the record and re-evaluates at the moment it ended: the highest automatic
 * status qualified for then (keeping the same status renews it), else the sign-up status, else none.</li>
 * </ul>
 * A status qualifies when its points (earned, see {@link QualifyingEarnings}) or its turnover in any one of its
 * currencies is reached within its qualification period, and its previous status is held, ranked below what is
 * held, a sign-up status, or itself qualified for.
 */
@Service
@Transactional
public class StatusService {

    /** How a record was assigned (as a status's qualification type): on sign-up, by hand, automatically. */
    static final int SIGNUP = Status.ON_SIGN_UP;
    static final int MANUAL = Status.MANUAL;
    static final int AUTOMATIC = Status.AUTOMATIC;

    private final StatusRepository repository;
    private final CustomerService customers;
    private final LoyaltyLedger ledger;
    private final QualifyingEarnings earnings;
    private final TurnoverSource turnover;
    private final DomainEvents events;
    private final ActiveCurrencies currencies;
    private final CustomerConditions customerConditions;
    private final Clock clock;

    StatusService(StatusRepository repository, CustomerService customers, LoyaltyLedger ledger,
                  QualifyingEarnings earnings, TurnoverSource turnover, DomainEvents events,
                  ActiveCurrencies currencies, CustomerConditions customerConditions, Clock clock) {
        this.currencies = currencies;
        this.customerConditions = customerConditions;
        this.repository = repository;
        this.customers = customers;
        this.ledger = ledger;
        this.earnings = earnings;
        this.turnover = turnover;
        this.events = events;
        this.clock = clock;
    }

    // --- set-status-record ------------------------------------------------------------------------------------

    /**
     * {@code POST /customers/actions/set-status-record}: a manual record of the status from {@code valid_from} (now
     * when absent) to {@code valid_to} (the status's validity when absent); the customer's active record becomes
     * non active. Answers the new record's id.
     */
    String setStatusRecord(StatusBodies.SetStatusRecord body) {
        List<InvalidParam> errors = new ArrayList<>();
        OffsetDateTime now = now();
        OffsetDateTime from = dateTime(body.validFrom(), "valid_from", errors);
        OffsetDateTime to = dateTime(body.validTo(), "valid_to", errors);
        Optional<Status> status = repository.status(body.statusId());
        if (status.isEmpty()) {
            errors.add(InvalidParam.of("status_id", Reason.NOT_FOUND, body.statusId(), "No status with this id"));
        }
        switch (customers.lockStanding(body.customerId())) {
            case UNKNOWN -> errors.add(InvalidParam.of("customer_id", Reason.NOT_FOUND, body.customerId(),
                    "No customer with this id"));
            case DELETED -> errors.add(InvalidParam.of("customer_id", Reason.DELETED, body.customerId(),
                    "The customer is deleted"));
            case ACTIVE -> { }
        }
        OffsetDateTime validFrom = from == null ? now : from;
        if (to != null && !to.isAfter(validFrom)) {
            errors.add(InvalidParam.of("valid_to", Reason.NOT_ALLOWED_VALUE, body.validTo(),
                    "valid_to must be after valid_from"));
        } else if (to != null && !to.isAfter(now)) {
            errors.add(InvalidParam.of("valid_to", Reason.NOT_ALLOWED_VALUE, body.validTo(),
                    "valid_to must be in the future: a status record set now cannot have ended already"));
        }
        if (!errors.isEmpty()) {
            throw ApiError.badRequest(errors);
        }
        OffsetDateTime validTo = to != null ? to : validityEnd(status.get(), validFrom);
        return switchTo(body.customerId(), repository.activeRecord(body.customerId()), status.get(), MANUAL,
                validFrom, validTo, now);
    }

    private OffsetDateTime dateTime(String value, String param, List<InvalidParam> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return ApiTime.parseDateTime(value, clock.getZone()).atZone(clock.getZone()).toOffsetDateTime();
        } catch (DateTimeException e) {
            errors.add(InvalidParam.of(param, Reason.INVALID_VALUE_FORMAT, value, ApiTime.DATE_TIME_FORMS));
            return null;
        }
    }

    // --- automatic changes ------------------------------------------------------------------------------------

    /**
     * A new customer gets the sign-up status unless they have a status already (so a repeated event does nothing),
     * then any automatic status they qualify for.
     */
    public void signUp(String customerId) {
        if (customers.lockStanding(customerId) != CustomerService.Standing.ACTIVE) {
            return;
        }
        OffsetDateTime now = now();
        if (repository.activeRecord(customerId).isEmpty()) {
            Optional<Status> signUp = signUpStatus(repository.statuses());
            if (signUp.isPresent()) {
                switchTo(customerId, Optional.empty(), signUp.get(), SIGNUP, now, validityEnd(signUp.get(), now), now);
            }
        }
        upgrade(customerId, now);
    }

    /**
     * Gives the sign-up status to every customer who never had a status record (customers created before the
     * project had statuses, or imported without a sign-up event); answers how many got it.
     */
    int signUpEveryoneWithoutStatus() {
        Optional<Status> signUp = signUpStatus(repository.statuses());
        if (signUp.isEmpty()) {
            return 0;
        }
        OffsetDateTime now = now();
        int given = 0;
        // chosen in SQL: at every start, only the customers without a record (normally none) come back
        List<String> candidates = customerConditions.idsWhere(repository::neverHadRecord).fetch(0, String.class)
                .stream().sorted().toList();
        for (String customerId : candidates) {
            if (customers.lockStanding(customerId) == CustomerService.Standing.ACTIVE
                    && repository.activeRecord(customerId).isEmpty()) {
                switchTo(customerId, Optional.empty(), signUp.get(), SIGNUP, now, validityEnd(signUp.get(), now), now);
                given++;
            }
        }
        return given;
    }

    /** After the customer's qualification may have grown: upgrades to the highest status qualified for now. */
    public void reevaluate(String customerId) {
        if (customers.lockStanding(customerId) != CustomerService.Standing.ACTIVE) {
            return;
        }
        upgrade(customerId, now());
    }

    private void upgrade(String customerId, OffsetDateTime now) {
        Optional<StatusRepository.Row> active = repository.activeRecord(customerId);
        if (active.isPresent() && active.get().assignedBy() == MANUAL
                && (active.get().validTo() == null || !active.get().validTo().isBefore(now))) {
            return; // set by hand: it stays until it ends
        }
        List<Status> all = repository.statuses();
        Status held = active.filter(r -> validAt(r, now)).flatMap(r -> find(all, r.statusId())).orElse(null);
        Optional<Status> target = target(customerId, held, now, all);
        if (target.isPresent() && (held == null || target.get().position() > held.position())) {
            switchTo(customerId, active, target.get(), AUTOMATIC, now, validityEnd(target.get(), now), now);
        }
    }

    /**
     * Ends an active record whose validity passed and gives the customer what they qualify for at that moment; a
     * no-op (false) when the record is no longer active or has not ended (another run did it, or it was replaced).
     */
    boolean endValidity(String recordId) {
        Optional<StatusRepository.Row> before = repository.record(recordId);
        if (before.isEmpty()) {
            return false;
        }
        customers.lockStanding(before.get().customerId());
        OffsetDateTime now = now();
        Optional<StatusRepository.Row> row = repository.record(recordId);
        if (row.isEmpty() || row.get().state() != StatusRepository.ACTIVE || row.get().validTo() == null
                || !row.get().validTo().isBefore(now)) {
            return false;
        }
        StatusRepository.Row ended = row.get();
        List<Status> all = repository.statuses();
        Status held = find(all, ended.statusId()).orElse(null);
        OffsetDateTime boundary = ended.validTo();
        Optional<Status> next = target(ended.customerId(), held, boundary, all).or(() -> signUpStatus(all));
        if (next.isEmpty()) {
            repository.deactivate(ended.id(), ended.validTo(), now);
            publish(ended.customerId(), null, ended.statusId(), null);
            return true;
        }
        OffsetDateTime from = boundary.plusSeconds(1);
        int assignedBy = next.get().automatic() ? AUTOMATIC : SIGNUP;
        switchTo(ended.customerId(), row, next.get(), assignedBy, from, validityEnd(next.get(), from), now);
        return true;
    }

    /** Deactivates the active record (if any) and inserts the new one; publishes the change. */
    private String switchTo(String customerId, Optional<StatusRepository.Row> active, Status status, int assignedBy,
                            OffsetDateTime validFrom, OffsetDateTime validTo, OffsetDateTime now) {
        String previous = null;
        if (active.isPresent()) {
            StatusRepository.Row old = active.get();
            OffsetDateTime end = old.validTo() == null || old.validTo().isAfter(now) ? now : old.validTo();
            repository.deactivate(old.id(), end.isBefore(old.validFrom()) ? old.validFrom() : end, now);
            previous = old.statusId();
        }
        String id = Ids.newId();
        repository.insertRecord(id, customerId, status.id(), assignedBy, validFrom, validTo, now);
        if (!status.id().equals(previous)) {
            publish(customerId, status.id(), previous, id);
        }
        return id;
    }

    private void publish(String customerId, String statusId, String previousStatusId, String recordId) {
        Map<String, Object> payload = new HashMap<>();
        payload.put("customer_id", customerId);
        payload.put("status_id", statusId);
        payload.put("previous_status_id", previousStatusId);
        payload.put("status_record_id", recordId);
        events.publish(EventType.STATUS_CHANGED, customerId, payload);
    }

    // --- qualification ----------------------------------------------------------------------------------------

    /** The highest automatic status the customer qualifies for in windows ending at {@code at}. */
    private Optional<Status> target(String customerId, Status held, OffsetDateTime at, List<Status> all) {
        Map<String, Boolean> qualified = new HashMap<>();
        Status best = null;
        for (Status s : all) { // lowest first, so a previous status is decided before the statuses above it
            boolean ok = s.automatic() && met(customerId, s, at) && prerequisite(s, held, all, qualified);
            qualified.put(s.id(), ok);
            if (ok) {
                best = s;
            }
        }
        return Optional.ofNullable(best);
    }

    private static boolean prerequisite(Status s, Status held, List<Status> all, Map<String, Boolean> qualified) {
        if (s.previousStatusId() == null) {
            return true;
        }
        Optional<Status> previous = find(all, s.previousStatusId());
        if (previous.isEmpty() || previous.get().qualificationType() == Status.ON_SIGN_UP) {
            return true;
        }
        if (held != null && held.position() >= previous.get().position()) {
            return true;
        }
        return qualified.getOrDefault(previous.get().id(), false);
    }

    private boolean met(String customerId, Status s, OffsetDateTime at) {
        OffsetDateTime from = at.minusMonths(s.qualificationPeriod());
        OffsetDateTime to = at.plusSeconds(1);
        if (s.qualificationPoints() != null) {
            Optional<String> pointType = ledger.defaultPointTypeId();
            if (pointType.isPresent()
                    && earnings.earned(customerId, pointType.get(), from, to).compareTo(s.qualificationPoints()) >= 0) {
                return true;
            }
        }
        if (!s.turnover().isEmpty()) {
            Map<String, BigDecimal> made = turnover.turnover(customerId, from, to);
            return s.turnover().entrySet().stream().anyMatch(e ->
                    made.getOrDefault(e.getKey(), BigDecimal.ZERO).compareTo(e.getValue()) >= 0);
        }
        return false;
    }

    /**
     * What is missing to keep the held status when its record ends and to reach the next one now; null when the
     * status asks for nothing and has no next status.
     */
    StatusBodies.PurchaseConditions conditions(String customerId, String statusId, OffsetDateTime validTo) {
        List<Status> all = repository.statuses();
        Optional<Status> held = find(all, statusId);
        if (held.isEmpty()) {
            return null;
        }
        OffsetDateTime now = now();
        List<StatusBodies.Turnover> keepTurnover = null;
        BigDecimal keepPoints = null;
        if (held.get().automatic() && validTo != null) {
            OffsetDateTime from = validTo.minusMonths(held.get().qualificationPeriod());
            OffsetDateTime to = now.plusSeconds(1);
            String due = validTo.atZoneSameInstant(clock.getZone()).toLocalDate().toString();
            keepPoints = missingPoints(customerId, held.get(), from, to);
            keepTurnover = missingTurnover(customerId, held.get(), from, to, due);
        }
        Optional<Status> next = held.get().nextStatusId() == null ? Optional.empty()
                : find(all, held.get().nextStatusId());
        List<StatusBodies.Turnover> nextTurnover = null;
        BigDecimal nextPoints = null;
        if (next.isPresent() && next.get().automatic()) {
            OffsetDateTime from = now.minusMonths(next.get().qualificationPeriod());
            OffsetDateTime to = now.plusSeconds(1);
            nextPoints = missingPoints(customerId, next.get(), from, to);
            nextTurnover = missingTurnover(customerId, next.get(), from, to, null);
        }
        if (keepTurnover == null && keepPoints == null && nextTurnover == null && nextPoints == null
                && next.isEmpty()) {
            return null;
        }
        return new StatusBodies.PurchaseConditions(keepTurnover, nextTurnover, keepPoints, nextPoints,
                next.map(Status::id).orElse(null));
    }

    private BigDecimal missingPoints(String customerId, Status s, OffsetDateTime from, OffsetDateTime to) {
        Optional<String> pointType = ledger.defaultPointTypeId();
        if (s.qualificationPoints() == null || pointType.isEmpty()) {
            return null;
        }
        BigDecimal earned = earnings.earned(customerId, pointType.get(), from, to);
        // what is missing, rounded up to what the point type can hold
        return s.qualificationPoints().subtract(earned).max(BigDecimal.ZERO).setScale(earned.scale(), RoundingMode.UP);
    }

    private List<StatusBodies.Turnover> missingTurnover(String customerId, Status s, OffsetDateTime from,
                                                       OffsetDateTime to, String due) {
        if (s.turnover().isEmpty()) {
            return null;
        }
        Map<String, BigDecimal> made = turnover.turnover(customerId, from, to);
        return s.turnover().entrySet().stream().map(e -> new StatusBodies.Turnover(e.getKey(),
                e.getValue().subtract(made.getOrDefault(e.getKey(), BigDecimal.ZERO)).max(BigDecimal.ZERO)
                        .setScale(currencies.decimals(e.getKey()), RoundingMode.UP), due)).toList();
    }

    // --- helpers ----------------------------------------------------------------------------------------------

    static Optional<Status> signUpStatus(List<Status> all) {
        return all.stream().filter(s -> s.qualificationType() == Status.ON_SIGN_UP).findFirst();
    }

    static Optional<Status> find(List<Status> all, String id) {
        return all.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    static boolean validAt(StatusRepository.Row r, OffsetDateTime at) {
        return r.state() == StatusRepository.ACTIVE && !r.validFrom().isAfter(at)
                && (r.validTo() == null || !r.validTo().isBefore(at));
    }

    /** The end of a record of the status starting at {@code from}: the same day N months later, 23:59:59. */
    private OffsetDateTime validityEnd(Status status, OffsetDateTime from) {
        if (status.validityMonths() == null) {
            return null;
        }
        LocalDate day = from.atZoneSameInstant(clock.getZone()).toLocalDate().plusMonths(status.validityMonths());
        return day.atTime(LocalTime.of(23, 59, 59)).atZone(clock.getZone()).toOffsetDateTime();
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }
}
