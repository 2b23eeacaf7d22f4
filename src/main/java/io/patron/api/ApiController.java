package io.patron.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.core.annotation.AliasFor;
import org.springframework.web.bind.annotation.RestController;

/**
 * A controller of the CareCloud API. Its mappings are relative to
 * {@code /webservice/rest-api/{interface}/v1.0}; {@link ApiWebConfig} adds the prefix.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@RestController
public @interface ApiController {
    @AliasFor(annotation = RestController.class)
    String value() default "";
}
