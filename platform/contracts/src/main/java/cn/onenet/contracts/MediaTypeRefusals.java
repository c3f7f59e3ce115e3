package cn.onenet.contracts;

/**
 * What a refusal of a header that is no media type says (an {@code Accept} such as {@code )|},
 * {@code *}{@code /*;q=abc} or {@code application/json;charset=utf-99}), in the gateway, the services and the
 * identity provider alike: the value and why it is none, from the message of Spring's {@code InvalidMediaTypeException}
 * without its repetition of the value, and a weight that is no number said as such (Spring passes on
 * {@code NumberFormatException}'s words).
 */
public final class MediaTypeRefusals {

    private MediaTypeRefusals() {
    }

    /**
     * Why {@code value} is no media type when Spring's parser fails on it with an exception of its own instead of
     * {@code InvalidMediaTypeException}: a value without {@code ;} that begins with a quote ({@code "a/b}) makes it
     * read before the value's start (Spring Framework 7.0), a 500 wherever a header was read.
     */
    public static String unreadable(String value) {
        return value.contains("\"") ? "a quote (\") where a type/subtype should begin"
                : "it cannot be read as a type/subtype";
    }

    /** {@code 'value' is no media type: reason}, from the exception's value and message. */
    public static String noMediaType(String value, String message) {
        String reason = message == null ? "" : message;
        for (String kind : new String[] { "mime", "media" }) {
            // the value may hold quotes itself ("a/b), which the pattern below would not match
            String prefix = "Invalid " + kind + " type \"" + value + "\": ";
            reason = reason.startsWith(prefix) ? reason.substring(prefix.length()) : reason;
        }
        reason = reason
            .replaceFirst("^Invalid (mime|media) type \"[^\"]*\": ", "")
            .replaceFirst("^For input string: (\".*\")$", "a weight (q) must be a number from 0 to 1, not $1");
        return "'" + value + "' is no media type: " + reason;
    }
}
