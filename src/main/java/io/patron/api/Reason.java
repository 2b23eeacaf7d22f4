package io.patron.api;

import java.util.Locale;

import org.springframework.http.HttpStatus;

/** Why a parameter was refused; serialized as its lower-case name in {@code invalid_params[].reason}. */
public enum Reason {
    ALREADY_EXISTS,
    EMPTY,
    NOT_FOUND,
    REQUIRED,
    NOT_ALLOWED_VALUE,
    INVALID_VALUE_FORMAT,
    RELATION_ALREADY_EXISTS,
    NOT_BELONG_TO_LOGGED_IN_CUSTOMER,
    DELETED,
    // reasons of the checkout (accept-payment, send-purchase)
    ITEM_PRICE_LOWER_THAN_PAID_AMOUNT,
    NOT_ENOUGH_POINTS_FOR_PAYMENT,
    CARD_IS_BLOCKED,
    CUSTOMER_WAS_DELETED,
    POINTS_MIN_AMOUNT_OF_PURCHASE,
    CUSTOMER_CANT_PAY_BY_POINTS,
    CUSTOMER_CANT_PAY_BY_CREDITS,
    DIFFERENT_SYSTEM_ID;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Every parameter reason is a client error of the request as a whole. */
    public HttpStatus status() {
        return HttpStatus.BAD_REQUEST;
    }
}
