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

/** A grid (网格), when given, is one of the community's grids from GET /api/v1/communities. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = GridOfCommunity.Validator.class)
@interface GridOfCommunity {

    String message() default "is not a grid of this community (see GET /api/v1/communities)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<GridOfCommunity, SubmitRequestBody.LocationBody> {

        private final ReferenceCatalog catalog;

        Validator(ReferenceCatalog catalog) {
            this.catalog = catalog;
        }

        @Override
        public boolean isValid(SubmitRequestBody.LocationBody location, ConstraintValidatorContext context) {
            // no grid is fine; an unknown community is @KnownCommunity's to report
            if (location.grid() == null || location.grid().isBlank() || location.community() == null
                    || !catalog.isLoaded() || !catalog.hasCommunity(location.community())
                    || catalog.hasGrid(location.community(), location.grid().trim())) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(context.getDefaultConstraintMessageTemplate())
                .addPropertyNode("grid")
                .addConstraintViolation();
            return false;
        }
    }
}
