package cn.onenet.routing.reference;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A department code from GET /api/v1/departments (surrounding blanks aside), checked with the rest of the body: one
 * 400 names an unknown department beside, say, a missing reason (checked after the body, it was named only once the
 * body was right).
 */
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE })
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = KnownDepartment.Validator.class)
public @interface KnownDepartment {

    String message() default "is no department (see GET /api/v1/departments)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Validator implements ConstraintValidator<KnownDepartment, String> {

        private final ReferenceData referenceData;

        Validator(ReferenceData referenceData) {
            this.referenceData = referenceData;
        }

        @Override
        public boolean isValid(String code, ConstraintValidatorContext context) {
            // blank is @NotBlank's to report
            return code == null || code.isBlank() || referenceData.hasDepartment(code.trim());
        }
    }
}
