package io.patron.reward;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import io.patron.api.ApiController;
import io.patron.api.Caller;
import io.patron.api.Envelope;
import io.patron.api.Language;
import io.patron.api.ListParams;

/** The stamper's reads: stamp campaigns on both interfaces; cards and stamps within the caller's customer scope. */
@ApiController
class StampController {

    private final StampQueries queries;

    StampController(StampQueries queries) {
        this.queries = queries;
    }

    @GetMapping("/stamper-campaigns")
    Envelope campaigns(ListParams params, Language language) {
        return Envelope.list("stamper_campaigns", queries.campaigns(params, language));
    }

    @GetMapping("/stamper-campaigns/{stamper_campaign_id}")
    Envelope campaign(@PathVariable("stamper_campaign_id") String id, Language language) {
        return Envelope.of(queries.campaign(id, language));
    }

    @GetMapping("/stamper-cards")
    Envelope cards(ListParams params) {
        return Envelope.list("stamper_cards", queries.cards(params));
    }

    @GetMapping("/stamper-cards/{stamper_card_id}")
    Envelope card(@PathVariable("stamper_card_id") String id, Caller caller) {
        return Envelope.of(queries.card(caller, id));
    }

    @GetMapping("/stamps")
    Envelope stamps(ListParams params) {
        return Envelope.list("stamper_stamps", queries.stamps(params));
    }

    @GetMapping("/stamps/{stamper_stamp_id}")
    Envelope stamp(@PathVariable("stamper_stamp_id") String id, Caller caller) {
        return Envelope.of(queries.stamp(caller, id));
    }
}
