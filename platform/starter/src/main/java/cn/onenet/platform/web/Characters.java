package cn.onenet.platform.web;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A text's length limit counted in characters (Unicode code points), with {@code @Size}'s message. {@code @Size}
 * counts UTF-16 units, in which a rare CJK character (生僻字, such as 𠀀 U+20000) or an emoji counts twice: Chinese
 * names and addresses hold such characters, and a caller counts them once. The text must also be text: no control
 * character but tab and line breaks, no half of a surrogate pair ({@code "\ud800"} was stored as U+FFFD, the text
 * changed without a word).
 */
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT })
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = Characters.Validator.class)
public @interface Characters {

    String message() default "{jakarta.validation.constraints.Size.message}";

    int min() default 0;

    int max();

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<Characters, CharSequence> {

        private int min;
        private int max;

        @Override
        public void initialize(Characters limits) {
            this.min = limits.min();
            this.max = limits.max();
        }

        @Override
        public boolean isValid(CharSequence text, ConstraintValidatorContext context) {
            if (text == null) {
                return true;
            }
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                boolean pair = Character.isHighSurrogate(c) && i + 1 < text.length()
                        && Character.isLowSurrogate(text.charAt(i + 1));
                if (pair) {
                    i++;
                }
                else if (Character.isSurrogate(c) || Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
                    context.disableDefaultConstraintViolation();
                    context.buildConstraintViolationWithTemplate("must be text: character " + (i + 1) + " is "
                            + (Character.isSurrogate(c) ? "half of a surrogate pair" : "a control character")
                            + String.format(" (U+%04X)", (int) c)).addConstraintViolation();
                    return false;
                }
            }
            int characters = Character.codePointCount(text, 0, text.length());
            return characters >= min && characters <= max;
        }
    }
}
