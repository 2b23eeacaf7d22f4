package io.patron.booking;

import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
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

/**
 * Product reservations, reservation prices, sources, external list types and reservable products. A Customer API
 * token creates, reads and cancels only its customer's reservations; state changes, external codes and price
 * batches belong to the Enterprise API.
 */
@ApiController
class ReservationController {

    private final ReservationQueries queries;
    private final ReservationService reservations;

    ReservationController(ReservationQueries queries, ReservationService reservations) {
        this.queries = queries;
        this.reservations = reservations;
    }

    @GetMapping("/product-reservations")
    Envelope reservations(ListParams params) {
        return Envelope.list("product_reservations", queries.reservations(params));
    }

    @PostMapping("/product-reservations")
    @ResponseStatus(HttpStatus.CREATED)
    Envelope create(@Valid @RequestBody ReservationBodies.ReservationBody body, Caller caller) {
        return Envelope.field("product_reservation_id", reservations.create(caller, body.productReservation()));
    }

    @GetMapping("/product-reservations/{product_reservation_id}")
    Envelope reservation(@PathVariable("product_reservation_id") String id, Caller caller) {
        return Envelope.of(queries.reservation(caller, id));
    }

    @PostMapping("/product-reservations/{product_reservation_id}/actions/cancel-reservation")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void cancel(@PathVariable("product_reservation_id") String id,
                @Valid @RequestBody ReservationBodies.CancelRequest body, Caller caller) {
        reservations.cancel(caller, id, body.productReservationId());
    }

    @OnlyIn(ApiInterface.ENTERPRISE)
    @PostMapping("/product-reservations/actions/change-reservation-state")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void changeState(@Valid @RequestBody ReservationBodies.StateChange body, Caller caller) {
        reservations.changeState(caller, body.productReservationId(), body.state());
    }

    @OnlyIn(ApiInterface.ENTERPRISE)
    @PostMapping("/product-reservations/actions/set-product-reservation-external-codes")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void setCodes(@Valid @RequestBody ReservationBodies.ExternalCodes body) {
        reservations.setCodes(body.productReservationId(), body.externalReservationCodes());
    }

    @GetMapping("/product-reservation-prices")
    Envelope prices(ListParams params) {
        return Envelope.list("product_reservation_prices", queries.prices(params));
    }

    @GetMapping("/product-reservation-prices/{product_reservation_price_id}")
    Envelope price(@PathVariable("product_reservation_price_id") String id) {
        return Envelope.of(queries.price(id));
    }

    @OnlyIn(ApiInterface.ENTERPRISE)
    @PostMapping("/product-reservation-prices/batch")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void upsertPrices(@Valid @RequestBody ReservationBodies.PriceBatch body) {
        reservations.upsertPrices(body.productReservationPrices(), body.errorProcessing()).throwIfAnyFailed();
    }

    @OnlyIn(ApiInterface.ENTERPRISE)
    @DeleteMapping("/product-reservation-prices/batch")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deletePrices(@Valid @RequestBody ReservationBodies.PriceDeleteBatch body) {
        reservations.deletePrices(body.productReservationPrices(), body.errorProcessing()).throwIfAnyFailed();
    }

    @GetMapping("/product-reservation-sources")
    Envelope sources(ListParams params, Language language) {
        return Envelope.list("product_reservation_sources", queries.sources(params, language));
    }

    @GetMapping("/product-reservation-sources/{product_reservation_source_id}")
    Envelope source(@PathVariable("product_reservation_source_id") String id, Language language) {
        return Envelope.of(queries.source(id, language));
    }

    @GetMapping("/product-reservation-external-list-types")
    Envelope listTypes(ListParams params, Language language) {
        return Envelope.list("product_reservation_external_list_types", queries.listTypes(params, language));
    }

    @GetMapping("/product-reservation-external-list-types/{product_reservation_external_list_type_id}")
    Envelope listType(@PathVariable("product_reservation_external_list_type_id") String id, Language language) {
        return Envelope.of(queries.listType(id, language));
    }

    @GetMapping("/reservable-products")
    Envelope reservableProducts(ListParams params, Language language) {
        return Envelope.list("reservable_products", queries.reservableProducts(params, language));
    }

    @GetMapping("/reservable-products/{reservable_product_id}")
    Envelope reservableProduct(@PathVariable("reservable_product_id") String id, Language language) {
        return Envelope.of(queries.reservableProduct(id, language));
    }

    /** The paging parameters are read before the body, so that a bad one is named even without a body. */
    @PostMapping("/reservable-products/actions/search-reservable-products")
    Envelope search(ListParams params, @Valid @RequestBody ReservationBodies.SearchRequest body, Language language) {
        return Envelope.list("search_results", queries.search(body.searchString(), params, language));
    }
}
