package io.patron.loyalty;

import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;

import io.patron.api.ApiController;
import io.patron.api.ApiInterface;
import io.patron.api.Caller;
import io.patron.api.Envelope;
import io.patron.api.Language;
import io.patron.api.ListParams;
import io.patron.api.OnlyIn;

/** Credits, the credit history and the credit actions (these behind the project switch credit_actions). */
@ApiController
class CreditController {

    private final LedgerService ledger;
    private final LoyaltyQueries queries;

    CreditController(LedgerService ledger, LoyaltyQueries queries) {
        this.ledger = ledger;
        this.queries = queries;
    }

    @GetMapping("/credits")
    Envelope credits(ListParams params) {
        return Envelope.list("credits", queries.credits(params));
    }

    @GetMapping("/credits/{credit_id}")
    Envelope credit(@PathVariable("credit_id") String id, Caller caller) {
        return Envelope.of(queries.credit(caller, id));
    }

    @GetMapping("/credits/{credit_id}/purchases")
    Envelope purchases(@PathVariable("credit_id") String id, Caller caller, ListParams params) {
        return Envelope.list("purchases", queries.purchasesOfCredit(caller, id, params));
    }

    @GetMapping("/credit-history")
    Envelope history(ListParams params, Language language) {
        return Envelope.list("credit_history", queries.creditHistory(params, language));
    }

    @OnlyIn(ApiInterface.ENTERPRISE)
    @PostMapping("/credits/actions/deposit-credits")
    @ResponseStatus(HttpStatus.CREATED)
    Envelope deposit(@Valid @RequestBody LoyaltyBodies.ChangeCredits body) {
        return Envelope.field("credit_id", ledger.depositCredits(body.change()));
    }

    @OnlyIn(ApiInterface.ENTERPRISE)
    @PostMapping("/credits/actions/reduce-credits")
    @ResponseStatus(HttpStatus.CREATED)
    Envelope reduce(@Valid @RequestBody LoyaltyBodies.ChangeCredits body) {
        return Envelope.field("credit_id", ledger.reduceCredits(body.change()));
    }

    @OnlyIn(ApiInterface.ENTERPRISE)
    @PostMapping("/credits/actions/transfer-credits")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void transfer(@Valid @RequestBody LoyaltyBodies.TransferCredits body) {
        ledger.transferCredits(body.transfer());
    }
}
