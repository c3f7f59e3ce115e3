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
 * visible ASCII characters. One rule for both, so a key a channel can send to intake is one a department can send to
 * routing.
 */
@Size(max = 128)
@Pattern(regexp = "[\\x21-\\x7e]+", message = "must be 1–128 visible ASCII characters")
@Constraint(validatedBy = {})
@Documented
@Target({ ElementType.PARAMETER, ElementType.FIELD })
@Retention(RetentionPolicy.RUNTIME)
public @interface IdempotencyKey {

    /** The header's name. */
    String HEADER = "Idempotency-Key";

    String message() default "must be 1–128 visible ASCII characters";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
