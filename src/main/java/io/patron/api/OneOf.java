package io.patron.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Arrays;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * A request value limited to a fixed set (an enum the contract declares for a string or integer);
 * anything else is refused as {@code not_allowed_value}. Null passes (combine with {@code @NotNull}).
 */
@Documented
@Constraint(validatedBy = OneOf.Check.class)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface OneOf {

    /** The allowed values as text; numbers compare by their decimal form. */
    String[] value();

    String message() default "must be one of the allowed values";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Check implements ConstraintValidator<OneOf, Object> {
        private String[] allowed;

        @Override
        public void initialize(OneOf annotation) {
            this.allowed = annotation.value();
        }

        @Override
        public boolean isValid(Object value, ConstraintValidatorContext context) {
            return value == null || Arrays.asList(allowed).contains(String.valueOf(value));
        }
    }
}
