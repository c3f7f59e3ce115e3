package cn.onenet.intake.submission.web;

import cn.onenet.intake.reference.ReferenceCatalog;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A community code from GET /api/v1/communities. */
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT })
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = KnownCommunity.Validator.class)
@interface KnownCommunity {

    String message() default "is not a known community (see GET /api/v1/communities)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<KnownCommunity, String> {

        private final ReferenceCatalog catalog;

        Validator(ReferenceCatalog catalog) {
            this.catalog = catalog;
        }

        @Override
        public boolean isValid(String code, ConstraintValidatorContext context) {
            // blank is @NotBlank's to report; an unloaded catalogue is answered 503 by the service
            return code == null || code.isBlank() || !catalog.isLoaded() || catalog.hasCommunity(code);
        }
    }
}
