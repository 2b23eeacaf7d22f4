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
    DIFFERENT_SYSTEM_ID,
    // the benefit_codes reasons of the checkout (vouchers and reward codes)
    MAX_NUMBER_OF_VOUCHER_EXCEEDED,
    VOUCHER_NOT_ALLOWED_IN_STORE,
    NOT_ENOUGH_ITEMS_FOR_VOUCHER,
    VOUCHER_CONDITION_COUNT_NOT_SATISFIED,
    VOUCHER_BONUS_COUNT_NOT_SATISFIED,
    UNAUTHORIZED_USE_VOUCHERS,
    NOT_ENOUGH_POINTS_FOR_VOUCHER,
    VOUCHER_CANT_BE_APPLIED_BY_DATE,
    VOUCHER_CANT_BE_APPLIED_BY_TIME,
    VOUCHER_CANT_BE_APPLIED_BY_VALIDITY_DAYS,
    VOUCHER_CANT_BE_APPLIED_BY_SEGMENT,
    VOUCHER_CANT_BE_USED_IN_STORE,
    VOUCHER_ASSIGNED_TO_ANOTHER_CUSTOMER,
    VOUCHER_ALREADY_USED,
    VOUCHER_ALREADY_APPLIED,
    VOUCHER_EXPIRED,
    INSUFFICIENT_AMOUNT_OF_PURCHASE,
    VOUCHER_INVALID_TYPE_OF_USAGE;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Every parameter reason is a client error of the request as a whole. */
    public HttpStatus status() {
        return HttpStatus.BAD_REQUEST;
    }
}
