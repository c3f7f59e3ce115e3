package cn.onenet.routing.reference.web;

import cn.onenet.contracts.Urgency;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;

/**
 * A category's service levels hold the normal one (the others fall back to it), named {@code sla.NORMAL} in the same
 * 400 as the body's other problems.
 */
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE })
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = NormalLevelGiven.Validator.class)
@interface NormalLevelGiven {

    String message() default "is required: the service level of a normal request";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Validator implements ConstraintValidator<NormalLevelGiven, Map<Urgency, ?>> {

        @Override
        public boolean isValid(Map<Urgency, ?> levels, ConstraintValidatorContext context) {
            if (levels == null || levels.containsKey(Urgency.NORMAL)) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(context.getDefaultConstraintMessageTemplate())
                .addPropertyNode(Urgency.NORMAL.name()).addConstraintViolation();
            return false;
        }
    }
}
