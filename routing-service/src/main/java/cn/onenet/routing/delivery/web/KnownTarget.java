package cn.onenet.routing.delivery.web;

import cn.onenet.platform.web.Violations;
import cn.onenet.routing.delivery.InvalidTarget;
import cn.onenet.routing.delivery.Webhooks;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A target as the API takes it ({@code channel:<CHANNEL>} or {@code department:<code>} of a department the district
 * has), checked with the call's other parameters and its body: one 400 names a bad target beside a bad URL (a
 * target checked in the method was named only once the rest was right). Missing is for {@code @NotBlank} to say.
 */
@Target({ ElementType.PARAMETER, ElementType.FIELD, ElementType.TYPE_USE })
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = KnownTarget.Validator.class)
@interface KnownTarget {

    String message() default "is not a target";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Validator implements ConstraintValidator<KnownTarget, String> {

        private final Webhooks webhooks;

        Validator(Webhooks webhooks) {
            this.webhooks = webhooks;
        }

        @Override
        public boolean isValid(String target, ConstraintValidatorContext context) {
            if (target == null || target.isBlank()) {
                return true;
            }
            try {
                webhooks.target(target);
                return true;
            }
            catch (InvalidTarget ex) {
                return Violations.refuse(context, ex.getMessage());
            }
        }
    }
}
