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

    /** {@code 'value' is no media type: reason}, from the exception's value and message. */
    public static String noMediaType(String value, String message) {
        String reason = (message == null ? "" : message)
            .replaceFirst("^Invalid (mime|media) type \"[^\"]*\": ", "")
            .replaceFirst("^For input string: (\".*\")$", "a weight (q) must be a number from 0 to 1, not $1");
        return "'" + value + "' is no media type: " + reason;
    }
}
