package io.patron.card;


import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import io.patron.api.ApiController;
import io.patron.api.ApiInterface;
import io.patron.api.Caller;
import io.patron.api.Envelope;
import io.patron.api.ListParams;
import io.patron.api.OnlyIn;

/** Cards, the cards of a customer and of a card type, and the card actions. */
@ApiController
class CardController {

    private final CardService cards;
    private final CardQueries queries;
    private final String publicUrl;

    CardController(CardService cards, CardQueries queries, @Value("${patron.public-url:}") String publicUrl) {
        this.cards = cards;
        this.queries = queries;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    @GetMapping("/cards")
    Envelope list(ListParams params) {
        return Envelope.list("cards", queries.cards(params));
    }

    @PostMapping("/cards")
    @OnlyIn(ApiInterface.ENTERPRISE)
    @ResponseStatus(HttpStatus.CREATED)
    Envelope create(@Valid @RequestBody CardBodies.CardRequest body) {
        return Envelope.field("card_id", cards.create(body.card()));
    }

    @PostMapping("/cards/batch")
    @OnlyIn(ApiInterface.ENTERPRISE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void batch(@Valid @RequestBody CardBodies.CardBatch body) {
        // error_processing 2: the valid records are committed; the report names the others
        cards.batch(body.cards(), body.errorProcessing()).throwIfAnyFailed();
    }

    @GetMapping("/cards/{card_id}")
    Envelope one(@PathVariable("card_id") String id, Caller caller) {
        return Envelope.of(queries.card(caller, id));
    }

    @PutMapping("/cards/{card_id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void replace(@PathVariable("card_id") String id, @Valid @RequestBody CardBodies.CardRequest body, Caller caller) {
        cards.replace(caller, id, body.card());
    }

    @GetMapping("/customers/{customer_id}/cards")
    Envelope customerCards(@PathVariable("customer_id") String id, ListParams params) {
        return Envelope.list("cards", queries.customerCards(id, params));
    }

    @GetMapping("/card-types/{card_type_id}/cards")
    Envelope cardTypeCards(@PathVariable("card_type_id") String id, ListParams params) {
        return Envelope.list("cards", queries.cardTypeCards(id, params));
    }

    @PostMapping("/cards/actions/assign-free-card")
    Envelope assign(@Valid @RequestBody CardBodies.AssignFreeCard body, Caller caller) {
        return Envelope.field("card_id", cards.assignFreeCard(caller, body));
    }

    @PostMapping("/cards/actions/validate-free-card")
    Envelope validateFree(@Valid @RequestBody CardBodies.ValidateFreeCard body, Caller caller) {
        return Envelope.field("is_free_to_use", cards.isFreeToUse(caller, body.cardNumber()));
    }

    @PostMapping("/cards/actions/generate-digital-card-file")
    Envelope digitalFile(@Valid @RequestBody CardBodies.DigitalCardFile body, Caller caller,
                         HttpServletRequest request) {
        String fileId = cards.newDigitalCardFile(caller, body.cardId(), body.fileType());
        String base = publicUrl.isEmpty()
                ? ServletUriComponentsBuilder.fromContextPath(request).build().toUriString() : publicUrl;
        return Envelope.field("file_url", base + CardFileController.PATH + fileId + ".png");
    }

    @PostMapping("/cards/actions/generate-pass-machine-card")
    Envelope passMachine(@Valid @RequestBody CardBodies.PassMachineCard body, Caller caller) {
        return Envelope.field("file_url", cards.passMachineCard(caller, body));
    }

    @PostMapping("/cards/actions/validate-isic-card")
    Envelope isic(@Valid @RequestBody CardBodies.IsicCard body, Caller caller) {
        return Envelope.of(cards.validateIsic(caller, body));
    }
}
