package cn.onenet.platform.web;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The {@value #HEADER} header's value, wherever a service takes one (a submission, a department's report): 1–128
 * visible ASCII characters but a comma (the header sent twice arrives as both values joined by a comma). One rule
 * for both, so a key a channel can send to intake is one a department can send to routing.
 */
@Size(max = 128)
// no comma: the header sent twice arrives as the two values joined by one, and would be a third key
@Pattern(regexp = "[\\x21-\\x2b\\x2d-\\x7e]+", message = IdempotencyKey.RULE)
@Constraint(validatedBy = {})
@Documented
@Target({ ElementType.PARAMETER, ElementType.FIELD })
@Retention(RetentionPolicy.RUNTIME)
public @interface IdempotencyKey {

    /** The header's name. */
    String HEADER = "Idempotency-Key";

    /** What a key must be. */
    String RULE = "must be 1–128 visible ASCII characters but a comma, sent once";

    String message() default RULE;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
