package cn.onenet.intake.submission.web;

import cn.onenet.platform.web.GatewayKeyFilter;
import cn.onenet.platform.web.IdempotencyKey;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Every channel but the call center must say its own id, or send an {@code Idempotency-Key} header (API.md), so a
 * repeat of the same request is one order. The header is read from the current request: a body's constraint can't
 * be given it otherwise, and this way a missing id is listed with the body's other invalid fields.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = ExternalIdWhereRequired.Validator.class)
@interface ExternalIdWhereRequired {

    String message() default "is required for every channel but HOTLINE (or send an Idempotency-Key header)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<ExternalIdWhereRequired, SubmitRequestBody> {

        @Override
        public boolean isValid(SubmitRequestBody body, ConstraintValidatorContext context) {
            if (body.channel() == null || !body.channel().requiresExternalId()
                    || (body.externalId() != null && !body.externalId().isBlank()) || hasIdempotencyKey()) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(context.getDefaultConstraintMessageTemplate())
                .addPropertyNode("externalId")
                .addConstraintViolation();
            return false;
        }

        private static boolean hasIdempotencyKey() {
            if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)) {
                return false;
            }
            try {
                String key = attributes.getRequest().getHeader(IdempotencyKey.HEADER);
                // the caller's own: the gateway's key makes a write repeatable, it is no id the channel chose
                return key != null && !key.isBlank() && GatewayKeyFilter.gatewaysKey(attributes.getRequest()) == null;
            }
            catch (RuntimeException refused) {
                // a value the firewall refuses is no key; the header's own check answers for it
                return false;
            }
        }
    }
}
