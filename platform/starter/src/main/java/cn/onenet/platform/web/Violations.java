package cn.onenet.platform.web;

import jakarta.validation.ConstraintValidatorContext;
import java.util.List;
import java.util.Map;

/**
 * For a class-level constraint that judges a body with a service's own check: each problem the check found becomes a
 * violation of the field it names, so the 400 names it beside the body's other problems. The messages may hold what
 * a caller wrote, so they are shown as written and never read as message templates.
 */
public final class Violations {

    private Violations() {
    }

    /** Reports each problem (field, message) as a violation; {@code true} when there were none. */
    public static boolean report(ConstraintValidatorContext context,
            List<? extends Map.Entry<String, String>> problems) {
        if (problems.isEmpty()) {
            return true;
        }
        context.disableDefaultConstraintViolation();
        problems.forEach(problem -> context.buildConstraintViolationWithTemplate(literal(problem.getValue()))
            .addPropertyNode(problem.getKey()).addConstraintViolation());
        return false;
    }

    /** Reports one violation of the constrained value itself with {@code message} as written; {@code false}. */
    public static boolean refuse(ConstraintValidatorContext context, String message) {
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate(literal(message)).addConstraintViolation();
        return false;
    }

    /** A message template that reads as the text itself. */
    private static String literal(String message) {
        return message.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}").replace("$", "\\$");
    }
}
