package cn.onenet.routing.rules.web;

import cn.onenet.platform.web.Violations;
import cn.onenet.routing.rules.RuleService;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import java.util.Map;

/**
 * A rule's or a dry run's codes name known reference data, judged by the rule service's own check while the body is
 * validated: one 400 names an unknown category beside a bad channel or a blank name (checked after the body, the
 * codes were named only once the rest was right).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = KnownReferences.Validator.class)
@interface KnownReferences {

    String message() default "names unknown reference data";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Validator implements ConstraintValidator<KnownReferences, Object> {

        private final RuleService rules;

        Validator(RuleService rules) {
            this.rules = rules;
        }

        @Override
        public boolean isValid(Object body, ConstraintValidatorContext context) {
            List<Map.Entry<String, String>> problems = body instanceof RuleController.RuleBody rule
                    ? rules.problems(rule.draft())
                    : body instanceof RuleController.DryRunBody dryRun ? rules.problems(dryRun.facts()) : List.of();
            return Violations.report(context, problems);
        }
    }
}
