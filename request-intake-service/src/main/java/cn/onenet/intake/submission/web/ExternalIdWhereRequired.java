package cn.onenet.intake.submission.web;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Every channel but the call center must say its own id, so a repeat of the same request is one order. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = ExternalIdWhereRequired.Validator.class)
@interface ExternalIdWhereRequired {

    String message() default "is required for every channel but HOTLINE";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<ExternalIdWhereRequired, SubmitRequestBody> {

        @Override
        public boolean isValid(SubmitRequestBody body, ConstraintValidatorContext context) {
            if (body.channel() == null || !body.channel().requiresExternalId()
                    || (body.externalId() != null && !body.externalId().isBlank())) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(context.getDefaultConstraintMessageTemplate())
                .addPropertyNode("externalId")
                .addConstraintViolation();
            return false;
        }
    }
}
