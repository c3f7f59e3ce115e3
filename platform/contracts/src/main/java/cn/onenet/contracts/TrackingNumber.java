package cn.onenet.contracts;

/**
 * The form of a tracking number (受理编号), as a caller reads it out: 16 digits and a Luhn check digit, spaces and
 * dashes between groups allowed. Intake gives the numbers; routing finds orders by them and, with this, tells a
 * misheard digit from a number that was never given.
 */
public final class TrackingNumber {

    private TrackingNumber() {
    }

    /**
     * The 17 digits without the spaces and dashes a caller or an agent may have put between groups; full-width digits,
     * spaces and dashes (typed with a Chinese input method: ６２７０－６７５８) read as their ASCII forms.
     */
    public static String digits(String trackingNumber) {
        StringBuilder digits = new StringBuilder(trackingNumber.length());
        HalfWidth.of(trackingNumber).codePoints().forEach(c -> {
            if (!Character.isWhitespace(c) && c != '-') {
                digits.appendCodePoint(c);
            }
        });
        return digits.toString();
    }

    /** True when the digits (spaces and dashes allowed) carry a correct check digit. */
    public static boolean isWellFormed(String trackingNumber) {
        String digits = digits(trackingNumber);
        return digits.matches("\\d{17}") && checkDigit(digits.substring(0, 16)) == digits.charAt(16) - '0';
    }

    /** The Luhn check digit of the given digits. */
    public static int checkDigit(String digits) {
        int sum = 0;
        boolean doubleIt = true;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (doubleIt) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubleIt = !doubleIt;
        }
        return (10 - sum % 10) % 10;
    }
}
