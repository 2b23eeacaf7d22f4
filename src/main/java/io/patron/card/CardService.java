package io.patron.card;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.patron.api.ApiError;
import io.patron.api.ApiTime;
import io.patron.api.BatchOutcome;
import io.patron.api.Caller;
import io.patron.api.CustomerScope;
import io.patron.api.CustomerWrites;
import io.patron.api.ErrorProcessing;
import io.patron.api.InvalidParam;
import io.patron.api.Reason;
import io.patron.common.Ids;
import io.patron.events.DomainEvents;
import io.patron.events.EventType;
import io.patron.store.StoreQueries;

/** Creating, changing and assigning cards, and the card actions, with the rules every write needs. */
@Service
@Transactional
public class CardService {

    /** Attempts at taking a free card of a type when others take the same one concurrently. */
    private static final int ASSIGN_ATTEMPTS = 10;

    private final CardRepository repository;
    private final CustomerDirectory customers;
    private final CardTypeDirectory cardTypes;
    private final IsicVerifier isic;
    private final PassMachine passMachine;
    private final Clock clock;
    private final DomainEvents events;
    private final StoreQueries stores;
    private final CustomerWrites writes;

    CardService(CardRepository repository, CustomerDirectory customers, CardTypeDirectory cardTypes, IsicVerifier isic,
                PassMachine passMachine, Clock clock, DomainEvents events, StoreQueries stores, CustomerWrites writes) {
        this.writes = writes;
        this.events = events;
        this.stores = stores;
        this.repository = repository;
        this.customers = customers;
        this.cardTypes = cardTypes;
        this.isic = isic;
        this.passMachine = passMachine;
        this.clock = clock;
    }

    /**
     * The holder of the card with this number if the card may identify them now: active (not
     * blocked), assigned and within its validity range. For credential checks.
     */
    @Transactional(readOnly = true)
    public Optional<String> customerOfUsableCard(String cardNumber) {
        if (cardNumber == null || cardNumber.isBlank()) {
            return Optional.empty();
        }
        return repository.customerOfUsableCard(cardNumber.trim(), OffsetDateTime.now(clock))
                .filter(customers::exists);
    }

    /** {@code POST /cards}. */
    public String create(CardBodies.Card card) {
        List<InvalidParam> errors = new ArrayList<>();
        CardRepository.Row row = check(card, "card.", null, errors);
        if (!errors.isEmpty()) {
            throw ApiError.badRequest(errors);
        }
        String id = Ids.newId();
        repository.insert(id, row, OffsetDateTime.now(clock));
        assigned(id, null, row);
        return id;
    }

    /**
     * {@code POST /cards/batch}. Mode 1 stops at the first refused record and stores nothing
     * (the 400 is thrown inside the transaction); mode 2 stores every valid record and returns the
     * refusals of the others, for the caller to answer with a 400 after the commit.
     */
    public BatchOutcome batch(List<CardBodies.Card> cards, Integer errorProcessing) {
        ErrorProcessing outcome = ErrorProcessing.of(errorProcessing);
        OffsetDateTime now = OffsetDateTime.now(clock);
        for (int i = 0; i < cards.size(); i++) {
            List<InvalidParam> errors = new ArrayList<>();
            String at = "cards[" + i + "]";
            CardBodies.Card card = cards.get(i);
            if (card == null) {
                errors.add(InvalidParam.of(at, Reason.REQUIRED, "A card is required"));
            }
            CardRepository.Row row = card == null ? null : check(card, at + ".", null, errors);
            if (outcome.accept(errors)) {
                String id = Ids.newId();
                repository.insert(id, row, now);
                assigned(id, null, row);
            }
        }
        return outcome.outcome();
    }

    /** {@code PUT /cards/{id}}: replaces the card; a Customer API caller may change only its own cards. */
    public void replace(Caller caller, String cardId, CardBodies.Card card) {
        CardRepository.Stored stored = repository.byId(cardId, true)
                .orElseThrow(() -> ApiError.notFound("cards", cardId));
        CustomerWrites.requireHolder(caller, stored.row().customerId(), "card_id", cardId);
        List<InvalidParam> errors = new ArrayList<>();
        CardRepository.Row row = check(card, "card.", cardId, errors);
        // a customer can give a card only to themselves
        CustomerWrites.checkOwn(caller, row.customerId(), "card.customer_id", errors);
        if (!errors.isEmpty()) {
            throw ApiError.badRequest(errors);
        }
        repository.replace(cardId, row, OffsetDateTime.now(clock));
        assigned(cardId, stored.row().customerId(), row);
    }

    /** {@code assign-free-card}: a free card of the type (the given one, or the next in the pool) to the customer. */
    public String assignFreeCard(Caller caller, CardBodies.AssignFreeCard request) {
        List<InvalidParam> errors = new ArrayList<>();
        writes.lockInBody(caller, request.customerId(), "customer_id", errors);
        if (!cardTypes.exists(request.cardTypeId())) {
            errors.add(InvalidParam.of("card_type_id", Reason.NOT_FOUND, request.cardTypeId(), "No such card type"));
        }
        if (errors.isEmpty() && repository.customerHasCardOfType(request.customerId(), request.cardTypeId())) {
            errors.add(InvalidParam.of("card_type_id", Reason.RELATION_ALREADY_EXISTS, request.cardTypeId(),
                    "The customer already has a card of this type"));
        }
        if (!errors.isEmpty()) {
            throw ApiError.badRequest(errors);
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        String number = blankToNull(request.cardNumber());
        if (number != null) {
            CardRepository.Stored card = repository.byNumber(number.trim()).orElseThrow(() -> ApiError.badRequest(
                    List.of(InvalidParam.of("card_number", Reason.NOT_FOUND, number, "No card has this number"))));
            CardRepository.Row row = card.row();
            String problem = row.customerId() != null ? null
                    : !row.cardTypeId().equals(request.cardTypeId()) ? "The card is of another card type"
                    : row.state() != 1 ? "The card is blocked"
                    : row.validTo() != null && row.validTo().isBefore(now) ? "The card's validity has ended" : null;
            if (problem != null) {
                throw ApiError.badRequest(List.of(InvalidParam.of("card_number", Reason.NOT_ALLOWED_VALUE, number,
                        problem)));
            }
            if (row.customerId() != null || !repository.assign(card.id(), request.customerId(), now)) {
                throw ApiError.badRequest(List.of(InvalidParam.of("card_number", Reason.RELATION_ALREADY_EXISTS,
                        number, "The card is already assigned to a customer")));
            }
            events.publish(EventType.CARD_ASSIGNED, card.id(), java.util.Map.of("card_id", card.id(),
                    "customer_id", request.customerId(), "card_type_id", request.cardTypeId()));
            return card.id();
        }
        for (int attempt = 0; attempt < ASSIGN_ATTEMPTS; attempt++) {
            Optional<String> free = repository.firstFreeCard(request.cardTypeId(), now);
            if (free.isEmpty()) {
                break;
            }
            if (repository.assign(free.get(), request.customerId(), now)) {
                events.publish(EventType.CARD_ASSIGNED, free.get(), java.util.Map.of("card_id", free.get(),
                        "customer_id", request.customerId(), "card_type_id", request.cardTypeId()));
                return free.get();
            }
        }
        throw ApiError.badRequest(List.of(InvalidParam.of("card_type_id", Reason.NOT_FOUND, request.cardTypeId(),
                "No free card of this card type is left")));
    }

    /** Publishes {@code card.assigned} when a write gives the card a holder it did not have. */
    private void assigned(String cardId, String formerHolder, CardRepository.Row row) {
        if (row.customerId() != null && !row.customerId().equals(formerHolder)) {
            events.publish(EventType.CARD_ASSIGNED, cardId, java.util.Map.of("card_id", cardId,
                    "customer_id", row.customerId(), "card_type_id", row.cardTypeId()));
        }
    }

    /**
     * {@code validate-free-card}: the card exists, is active and within its validity, and has no
     * holder (or, for a Customer API caller, is already the logged-in customer's).
     */
    @Transactional(readOnly = true)
    public boolean isFreeToUse(Caller caller, String cardNumber) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return repository.byNumber(cardNumber.trim()).map(CardRepository.Stored::row).filter(row -> row.state() == 1)
                .filter(row -> (row.validFrom() == null || !row.validFrom().isAfter(now))
                        && (row.validTo() == null || !row.validTo().isBefore(now)))
                .filter(row -> row.customerId() == null
                        || CustomerScope.restrictedTo(caller).map(row.customerId()::equals).orElse(false))
                .isPresent();
    }

    /**
     * {@code generate-digital-card-file}: the id (the secret of its URL) of the card's file of this
     * type for its current holder, made on first request. Once the card changes hands the old URL
     * stops working.
     */
    public String newDigitalCardFile(Caller caller, String cardId, String fileType) {
        List<InvalidParam> errors = new ArrayList<>();
        if (!Set.of(CardImages.BARCODE, CardImages.QR, "wallet").contains(fileType)) {
            errors.add(InvalidParam.of("file_type", Reason.NOT_ALLOWED_VALUE, fileType,
                    "file_type must be png, qr-png or wallet"));
        }
        CardRepository.Stored card = repository.byId(cardId, false).orElse(null);
        if (card == null) {
            errors.add(InvalidParam.of("card_id", Reason.NOT_FOUND, cardId, "No such card"));
        } else {
            CustomerWrites.requireHolder(caller, card.row().customerId(), "card_id", cardId);
        }
        if (errors.isEmpty() && fileType.equals("wallet")) {
            errors.add(InvalidParam.of("file_type", Reason.NOT_ALLOWED_VALUE, fileType,
                    "Apple Wallet passes need a pass-signing certificate, and none is configured"));
        }
        if (errors.isEmpty() && fileType.equals(CardImages.BARCODE)
                && !CardImages.barcodeCanEncode(card.row().cardNumber())) {
            errors.add(InvalidParam.of("file_type", Reason.NOT_ALLOWED_VALUE, fileType,
                    "The card number has characters a barcode cannot carry; use qr-png"));
        }
        if (!errors.isEmpty()) {
            throw ApiError.badRequest(errors);
        }
        String holder = card.row().customerId();
        return repository.existingFile(cardId, holder, fileType).orElseGet(() -> {
            String fileId = Ids.newSecret();
            repository.insertFile(fileId, cardId, holder, fileType, OffsetDateTime.now(clock));
            return fileId;
        });
    }

    /** The PNG of a digital card file, drawn from the card's current number; empty for an unknown file. */
    @Transactional(readOnly = true)
    public Optional<byte[]> digitalCardImage(String fileId) {
        return repository.file(fileId).map(r -> CardImages.png(r.value1(), r.value2()));
    }

    /** {@code generate-pass-machine-card}: the customer must hold a usable card. */
    public String passMachineCard(Caller caller, CardBodies.PassMachineCard request) {
        writes.lockInBody(caller, request.customerId(), "customer_id");
        String number = repository.firstNumberOfCustomer(request.customerId(), OffsetDateTime.now(clock))
                .orElseThrow(() -> ApiError.badRequest(List.of(InvalidParam.of("customer_id", Reason.NOT_FOUND,
                        request.customerId(), "The customer has no active card"))));
        return passMachine.cardUrl(request.customerId(), number, blankToNull(request.passmachineTemplateId()));
    }

    /** {@code validate-isic-card}. */
    @Transactional(readOnly = true)
    public CardBodies.IsicAnswer validateIsic(Caller caller, CardBodies.IsicCard request) {
        boolean valid = isic.isValid(request.cardNumber().trim(), request.lastName().trim());
        Boolean free = null;
        if (Boolean.TRUE.equals(request.checkUsage())) {
            String number = UnconfiguredCardServices.normalizedIsic(request.cardNumber());
            free = repository.byNumber(number).map(c -> c.row().customerId() == null
                    || CustomerScope.restrictedTo(caller).map(c.row().customerId()::equals).orElse(false))
                    .orElse(true);
        }
        return new CardBodies.IsicAnswer(valid, free);
    }

    /** The checks of a card body shared by create, update and batch; {@code at} prefixes the names. */
    private CardRepository.Row check(CardBodies.Card card, String at, String cardId, List<InvalidParam> errors) {
        String typeId = required(card.cardTypeId(), at + "card_type_id", errors);
        if (typeId != null && !cardTypes.exists(typeId)) {
            errors.add(InvalidParam.of(at + "card_type_id", Reason.NOT_FOUND, typeId, "No such card type"));
        }
        String number = required(card.cardNumber(), at + "card_number", errors);
        if (number != null) {
            number = number.trim();
            String n = number;
            repository.idOfNumber(number).filter(other -> !other.equals(cardId)).ifPresent(other ->
                    errors.add(InvalidParam.of(at + "card_number", Reason.ALREADY_EXISTS, n,
                            "Another card has this number")));
        }
        if (card.state() == null) {
            errors.add(InvalidParam.of(at + "state", Reason.REQUIRED, "state is required"));
        } else if (card.state() != 0 && card.state() != 1) {
            errors.add(InvalidParam.of(at + "state", Reason.NOT_ALLOWED_VALUE, card.state(),
                    "state must be 0 (blocked) or 1 (active)"));
        }
        String customerId = card.customerId();
        if (customerId != null) {
            if (customerId.isBlank()) {
                errors.add(InvalidParam.of(at + "customer_id", Reason.EMPTY, "customer_id must not be empty"));
            } else if (!customers.exists(customerId)) {
                errors.add(InvalidParam.of(at + "customer_id", Reason.NOT_FOUND, customerId, "No such customer"));
            }
        }
        OffsetDateTime from = time(card.validFrom(), at + "valid_from", errors);
        OffsetDateTime to = time(card.validTo(), at + "valid_to", errors);
        if (from != null && to != null && to.isBefore(from)) {
            errors.add(InvalidParam.of(at + "valid_to", Reason.NOT_ALLOWED_VALUE, card.validTo(),
                    "valid_to must not be before valid_from"));
        }
        String storeId = blankToNull(card.storeId());
        if (storeId != null && stores.existingStores(List.of(storeId)).isEmpty()) {
            errors.add(InvalidParam.of(at + "store_id", Reason.NOT_FOUND, storeId, "No such store"));
        }
        return new CardRepository.Row(customerId, typeId, number, blankToNull(card.secondaryCardNumber()), from, to,
                storeId, card.state() == null ? 0 : card.state());
    }

    private OffsetDateTime time(String text, String name, List<InvalidParam> errors) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            LocalDateTime local = ApiTime.parseDateTime(text, clock.getZone());
            return local.atZone(clock.getZone()).toOffsetDateTime();
        } catch (DateTimeParseException e) {
            errors.add(InvalidParam.of(name, Reason.INVALID_VALUE_FORMAT, text, ApiTime.DATE_TIME_FORMS));
            return null;
        }
    }

    private static String required(String value, String name, List<InvalidParam> errors) {
        if (value == null) {
            errors.add(InvalidParam.of(name, Reason.REQUIRED, name + " is required"));
            return null;
        }
        if (value.isBlank()) {
            errors.add(InvalidParam.of(name, Reason.EMPTY, name + " must not be empty"));
            return null;
        }
        return value;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
