package cn.onenet.intake.submission.web;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * A resident ID number (居民身份证号, GB 11643-1999): 17 digits — area code, birth date, sequence — and a check
 * character (ISO 7064 MOD 11-2, {@code X} for ten). A misread digit is refused here, before it is sealed and kept.
 */
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT })
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = ResidentIdNumber.Validator.class)
@interface ResidentIdNumber {

    String message() default "must be an 18-character resident ID number (17 digits and a check digit or X) with a valid birth date and check digit";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<ResidentIdNumber, String> {

        private static final int[] WEIGHTS = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
        private static final String CHECK = "10X98765432";

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || valid(value);
        }

        static boolean valid(String value) {
            String number = value.trim().toUpperCase();
            if (!number.matches("\\d{17}[\\dX]")) {
                return false;
            }
            int sum = 0;
            for (int i = 0; i < 17; i++) {
                sum += (number.charAt(i) - '0') * WEIGHTS[i];
            }
            if (CHECK.charAt(sum % 11) != number.charAt(17)) {
                return false;
            }
            try {
                LocalDate born = LocalDate.of(Integer.parseInt(number.substring(6, 10)),
                        Integer.parseInt(number.substring(10, 12)), Integer.parseInt(number.substring(12, 14)));
                return born.getYear() >= 1900 && !born.isAfter(LocalDate.now());
            }
            catch (DateTimeException ex) {
                return false;
            }
        }
    }
}
