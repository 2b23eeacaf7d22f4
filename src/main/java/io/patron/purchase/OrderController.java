package io.patron.purchase;

import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;

import io.patron.api.ApiController;
import io.patron.api.Caller;
import io.patron.api.Envelope;
import io.patron.api.ListParams;
import io.patron.purchase.OrderBodies.OrderBody;

/** E-shop orders; a Customer API token creates and reads only its logged-in customer's orders. */
@ApiController
class OrderController {

    private final OrderQueries queries;
    private final OrderService orders;

    OrderController(OrderQueries queries, OrderService orders) {
        this.queries = queries;
        this.orders = orders;
    }

    @GetMapping("/orders")
    Envelope orders(ListParams params) {
        return Envelope.list("orders", queries.orders(params));
    }

    @PostMapping("/orders")
    @ResponseStatus(HttpStatus.CREATED)
    Envelope create(@Valid @RequestBody OrderBody body, Caller caller) {
        return Envelope.field("order_id", orders.create(caller, body.order()));
    }

    @GetMapping("/orders/{order_id}")
    Envelope order(@PathVariable("order_id") String id, Caller caller) {
        return Envelope.of(queries.order(caller, id));
    }
}
