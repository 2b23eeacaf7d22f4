package io.patron.wallet;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.bind.annotation.GetMapping;

import io.patron.api.ApiController;
import io.patron.api.Caller;
import io.patron.api.Envelope;
import io.patron.api.QueryParams;

/** The wallet overviews of one customer (both interfaces; the Customer API sees only its own customer). */
@ApiController
class WalletController {

    private final WalletService wallet;

    WalletController(WalletService wallet) {
        this.wallet = wallet;
    }

    @GetMapping("/wallet/actions/points-overview")
    Envelope points(HttpServletRequest request, Caller caller) {
        return Envelope.of(wallet.points(wallet.query(caller, new QueryParams(request), true)));
    }

    @GetMapping("/wallet/actions/credits-overview")
    Envelope credits(HttpServletRequest request, Caller caller) {
        QueryParams params = new QueryParams(request);
        return Envelope.of(wallet.credits(wallet.query(caller, params, true), params.strings("credit_type_id")));
    }

    @GetMapping("/wallet/actions/points-expiration-overview")
    Envelope pointsExpiration(HttpServletRequest request, Caller caller) {
        return Envelope.of(wallet.pointsExpiration(wallet.query(caller, new QueryParams(request), false)));
    }

    @GetMapping("/wallet/actions/credits-expiration-overview")
    Envelope creditsExpiration(HttpServletRequest request, Caller caller) {
        return Envelope.of(wallet.creditsExpiration(wallet.query(caller, new QueryParams(request), false)));
    }

    @GetMapping("/wallet/actions/sales-turnover")
    Envelope turnover(HttpServletRequest request, Caller caller) {
        return Envelope.of(wallet.turnover(wallet.query(caller, new QueryParams(request), true)));
    }
}
