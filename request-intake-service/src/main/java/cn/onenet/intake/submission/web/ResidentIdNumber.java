package cn.onenet.intake.submission.web;

import cn.onenet.platform.pii.ResidentIdNumbers;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A resident ID number (居民身份证号, GB 11643-1999): 17 digits — area code, birth date, sequence — and a check
 * character (ISO 7064 MOD 11-2, {@code X} for ten), as {@link ResidentIdNumbers} checks it. A misread digit is
 * refused here, before it is sealed and kept.
 */
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT })
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = ResidentIdNumber.Validator.class)
@interface ResidentIdNumber {

    String message() default "must be an 18-character resident ID number (17 digits and a check digit or X) with a valid birth date and check digit";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<ResidentIdNumber, String> {

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || ResidentIdNumbers.valid(value);
        }
    }
}
