package io.patron.api;

/** One refused parameter of a 400 answer: its name (dotted for nested body fields) and why. */
public record InvalidParam(String name, String reason, String value, String message) {

    public static InvalidParam of(String name, Reason reason, String message) {
        return new InvalidParam(name, reason.code(), null, message);
    }

    public static InvalidParam of(String name, Reason reason, Object value, String message) {
        return new InvalidParam(name, reason.code(), value == null ? null : String.valueOf(value), message);
    }
}
