package cn.onenet.routing.sla.web;

import cn.onenet.platform.web.Violations;
import cn.onenet.routing.sla.CalendarService;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.servlet.HandlerMapping;

/**
 * A calendar body fits the year in its path ({@code PUT /api/v1/calendar/{year}}), judged by the calendar service's
 * own check while the body is validated: one 400 names a day of another year or listed twice beside a date that
 * can't be read or a missing status (checked after the body, they were named only once the rest was right).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = CalendarOfYear.Validator.class)
@interface CalendarOfYear {

    String message() default "does not fit the year";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Validator implements ConstraintValidator<CalendarOfYear, CalendarController.CalendarBody> {

        @Override
        public boolean isValid(CalendarController.CalendarBody body, ConstraintValidatorContext context) {
            Integer year = pathYear();
            // outside a call of the endpoint there is no year to judge by; the service checks again when storing
            return body == null || year == null
                    || Violations.report(context, CalendarService.problems(year, body.draft()));
        }

        private static Integer pathYear() {
            RequestAttributes request = RequestContextHolder.getRequestAttributes();
            Object variables = request == null ? null : request.getAttribute(
                    HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
            Object year = variables instanceof Map<?, ?> map ? map.get("year") : null;
            try {
                return year == null ? null : Integer.valueOf(year.toString());
            }
            catch (NumberFormatException ex) {
                return null;
            }
        }
    }
}
