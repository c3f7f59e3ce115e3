package cn.onenet.routing.workorder.web;

import cn.onenet.platform.web.Violations;
import cn.onenet.routing.WindowEnds;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.ZoneOffset;

/**
 * An end of a window of acceptance ({@code acceptedFrom}, {@code acceptedTo}) in one of the forms the summary's
 * {@code from} / {@code to} take ({@link WindowEnds}), checked with the call's other parameters: one 400 names an
 * unreadable end beside a bad {@code status} or {@code page}. Blank is none.
 */
@Target({ ElementType.PARAMETER, ElementType.FIELD, ElementType.TYPE_USE })
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = WindowEnd.Validator.class)
@interface WindowEnd {

    String message() default "is not a date or date-time";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Validator implements ConstraintValidator<WindowEnd, String> {

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            // whether it can be read does not depend on the zone it is read in
            return value == null || value.isBlank() || WindowEnds.start(value, ZoneOffset.UTC).isPresent()
                    || Violations.refuse(context, WindowEnds.unreadable(value));
        }
    }
}
