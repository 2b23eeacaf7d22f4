package io.patron.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The operation needs no credentials (the contract lists no 401 for it). Credentials that are
 * sent anyway are still checked: valid ones identify the caller to the rate limiter and caches,
 * invalid ones are ignored and the call is treated as anonymous (never a 401 here).
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Anonymous {
}
