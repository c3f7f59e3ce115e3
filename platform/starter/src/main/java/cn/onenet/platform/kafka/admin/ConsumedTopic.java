package cn.onenet.platform.kafka.admin;

import cn.onenet.platform.web.Violations;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Set;

/**
 * A topic this service consumes, whose dead letters it keeps: checked with the call's other parameters, so one 400
 * names a topic it does not consume beside a bad limit (checked when listing, it was named only once the rest was
 * right). Missing is for the other constraints to say.
 */
@Target({ ElementType.PARAMETER, ElementType.FIELD, ElementType.RECORD_COMPONENT })
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = ConsumedTopic.Validator.class)
@interface ConsumedTopic {

    String message() default "is not a topic this service consumes";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Validator implements ConstraintValidator<ConsumedTopic, String> {

        private final DeadLetters deadLetters;

        Validator(DeadLetters deadLetters) {
            this.deadLetters = deadLetters;
        }

        @Override
        public boolean isValid(String topic, ConstraintValidatorContext context) {
            if (topic == null || topic.isBlank()) {
                return true;
            }
            Set<String> known = deadLetters.consumedTopics();
            return known.contains(topic)
                    || Violations.refuse(context, new UnknownDeadLetterTopic(topic, known).getMessage());
        }
    }
}
