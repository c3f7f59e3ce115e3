package cn.onenet.platform.pii;

import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * The form of a resident ID number (居民身份证号, GB 11643-1999): 17 digits — area code, birth date, sequence — and a
 * check character (ISO 7064 MOD 11-2, {@code X} for ten). One check for the requester's ID number and for those
 * found in free text, so that an 18-digit number that is no ID number (a misread one, a 17-digit tracking number with
 * a digit more) is neither taken nor masked.
 */
public final class ResidentIdNumbers {

    private static final int[] WEIGHTS = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
    private static final String CHECK = "10X98765432";

    private ResidentIdNumbers() {
    }

    /** Whether {@code value} (trimmed, {@code x} as {@code X}) has the form, a valid birth date and check character. */
    public static boolean valid(String value) {
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
