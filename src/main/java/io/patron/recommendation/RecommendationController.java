package io.patron.recommendation;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;

import io.patron.api.ApiController;
import io.patron.api.ApiInterface;
import io.patron.api.Caller;
import io.patron.api.Envelope;
import io.patron.api.OnlyIn;
import io.patron.recommendation.RecommendationBodies.CartRequest;
import io.patron.recommendation.RecommendationBodies.ProductRequest;
import io.patron.recommendation.RecommendationBodies.ThirdPartyBatch;

/** The product recommendation engine (both interfaces; a customer only for themselves) and third-party scores. */
@ApiController
class RecommendationController {

    private final RecommendationService engine;
    private final ThirdPartyRecommendations thirdParty;

    RecommendationController(RecommendationService engine, ThirdPartyRecommendations thirdParty) {
        this.engine = engine;
        this.thirdParty = thirdParty;
    }

    @PostMapping("/recommendation-engine/product/actions/eliminate")
    Envelope productEliminate(@RequestBody ProductRequest body, Caller caller) {
        return Envelope.of(engine.productEliminate(caller, body));
    }

    @PostMapping("/recommendation-engine/product/actions/order")
    Envelope productOrder(@RequestBody ProductRequest body, Caller caller) {
        return Envelope.of(engine.productOrder(caller, body));
    }

    @PostMapping("/recommendation-engine/product/actions/combine")
    Envelope productCombine(@RequestBody ProductRequest body, Caller caller) {
        return Envelope.of(engine.productCombine(caller, body));
    }

    @PostMapping("/recommendation-engine/shopping-cart/actions/eliminate")
    Envelope cartEliminate(@RequestBody CartRequest body, Caller caller) {
        return Envelope.of(engine.cartEliminate(caller, body));
    }

    @PostMapping("/recommendation-engine/shopping-cart/actions/order")
    Envelope cartOrder(@RequestBody CartRequest body) {
        return Envelope.of(engine.cartOrder(body));
    }

    @PostMapping("/recommendation-engine/shopping-cart/actions/combine")
    Envelope cartCombine(@RequestBody CartRequest body, Caller caller) {
        return Envelope.of(engine.cartCombine(caller, body));
    }

    @OnlyIn(ApiInterface.ENTERPRISE)
    @PostMapping("/third-party-recommendations/batch")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void thirdPartyBatch(@RequestBody ThirdPartyBatch body) {
        thirdParty.store(body.thirdPartyRecommendations(), body.errorProcessing()).throwIfAnyFailed();
    }
}
