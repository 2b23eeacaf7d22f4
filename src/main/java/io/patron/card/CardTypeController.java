package io.patron.card;

import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;

import io.patron.api.ApiController;
import io.patron.api.ApiInterface;
import io.patron.api.Envelope;
import io.patron.api.Language;
import io.patron.api.ListParams;
import io.patron.api.OnlyIn;

/** Card types and the cards of a type. Reads are open to both interfaces; writes only to the Enterprise API. */
@ApiController
class CardTypeController {

    private final CardTypeService cardTypes;

    CardTypeController(CardTypeService cardTypes) {
        this.cardTypes = cardTypes;
    }

    @GetMapping("/card-types")
    Envelope cardTypes(ListParams params, Language language) {
        return Envelope.list("card_types", cardTypes.list(params, language));
    }

    @OnlyIn(ApiInterface.ENTERPRISE)
    @PostMapping("/card-types")
    @ResponseStatus(HttpStatus.CREATED)
    Envelope create(@Valid @RequestBody CardRequests.CardTypeBody body, Language language) {
        return Envelope.field("card_type_id", cardTypes.create(body.cardType(), language));
    }

    @GetMapping("/card-types/{card_type_id}")
    Envelope cardType(@PathVariable("card_type_id") String id, Language language) {
        return Envelope.of(cardTypes.one(id, language));
    }

    @OnlyIn(ApiInterface.ENTERPRISE)
    @PutMapping("/card-types/{card_type_id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void replace(@PathVariable("card_type_id") String id, @Valid @RequestBody CardRequests.CardTypeBody body,
                 Language language) {
        cardTypes.replace(id, body.cardType(), language);
    }
}
