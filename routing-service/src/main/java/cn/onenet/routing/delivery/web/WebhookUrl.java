package cn.onenet.routing.delivery.web;

import cn.onenet.platform.web.Violations;
import cn.onenet.routing.delivery.Webhooks;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A webhook's URL results can be posted to ({@link Webhooks#urlProblem}), checked with the rest of the body. */
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE })
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = WebhookUrl.Validator.class)
@interface WebhookUrl {

    String message() default "is not a URL results can be posted to";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Validator implements ConstraintValidator<WebhookUrl, String> {

        @Override
        public boolean isValid(String url, ConstraintValidatorContext context) {
            String problem = Webhooks.urlProblem(url);
            return problem == null || Violations.refuse(context, problem);
        }
    }
}
