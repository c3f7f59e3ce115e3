package cn.onenet.routing.reference.web;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A community's grids each have a code of their own; a repeated one is named {@code grids[i].code}. */
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE })
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = DistinctGridCodes.Validator.class)
@interface DistinctGridCodes {

    String message() default "appears twice";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Validator
            implements ConstraintValidator<DistinctGridCodes, List<ReferenceDataAdminController.GridBody>> {

        @Override
        public boolean isValid(List<ReferenceDataAdminController.GridBody> grids, ConstraintValidatorContext context) {
            if (grids == null) {
                return true;
            }
            Set<String> seen = new HashSet<>();
            boolean distinct = true;
            for (int i = 0; i < grids.size(); i++) {
                ReferenceDataAdminController.GridBody grid = grids.get(i);
                if (grid != null && grid.code() != null && !grid.code().isBlank() && !seen.add(grid.code().trim())) {
                    if (distinct) {
                        context.disableDefaultConstraintViolation();
                        distinct = false;
                    }
                    context.buildConstraintViolationWithTemplate(context.getDefaultConstraintMessageTemplate())
                        .addPropertyNode("code").inIterable().atIndex(i).addConstraintViolation();
                }
            }
            return distinct;
        }
    }
}
