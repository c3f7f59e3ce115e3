package cn.onenet.contracts.security;

/**
 * The firewall's rule for header names and values, the one Spring Security's {@code StrictHttpFirewall} and
 * {@code StrictServerWebExchangeFirewall} apply (assigned Unicode characters and no control characters, but a tab in
 * a value), written as a loop instead of their regular expression. The firewall checks a header each time it is
 * read, several times a request: the expression took 3 % of intake's request threads and 1.5 % of the gateway's
 * event loops under load (README, seventeenth session).
 */
public final class HeaderText {

    /** A header name: assigned characters, none of them a control character. */
    public static boolean isAllowedName(String name) {
        return name == null || allowed(name, false);
    }

    /** A header value: assigned characters, none of them a control character but a tab. */
    public static boolean isAllowedValue(String value) {
        return value == null || allowed(value, true);
    }

    private static boolean allowed(String text, boolean tab) {
        for (int i = 0; i < text.length();) {
            int codePoint = text.codePointAt(i);
            int type = Character.getType(codePoint);
            if (type == Character.UNASSIGNED || type == Character.CONTROL && !(tab && codePoint == '\t')) {
                return false;
            }
            i += Character.charCount(codePoint);
        }
        return true;
    }

    private HeaderText() {
    }
}
