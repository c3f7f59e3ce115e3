package cn.onenet.routing.delivery;

import cn.onenet.contracts.Channel;
import java.util.Arrays;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Who results go back to: the channel system an order came from ({@code channel:LIVELIHOOD}) or a department
 * system that handles orders ({@code department:civil-affairs}). The text form is the id used in the API.
 */
public record Target(Kind kind, String code) {

    /** As lenient as reference data (which constrains codes no further): no blanks, no slash, at most 64 characters. */
    private static final Pattern DEPARTMENT_CODE = Pattern.compile("[^\\s/]{1,64}");

    public enum Kind {
        CHANNEL("channel"), DEPARTMENT("department");

        private final String prefix;

        Kind(String prefix) {
            this.prefix = prefix;
        }
    }

    public static Target channel(Channel channel) {
        return new Target(Kind.CHANNEL, channel.name());
    }

    public static Target department(String code) {
        return new Target(Kind.DEPARTMENT, code);
    }

    /**
     * Reads {@code channel:<CHANNEL>} or {@code department:<code>}.
     *
     * @throws InvalidTarget when the text is neither
     */
    public static Target parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidTarget("is required: channel:<CHANNEL> or department:<code>");
        }
        int colon = text.indexOf(':');
        String prefix = colon < 0 ? text : text.substring(0, colon);
        String code = colon < 0 ? "" : text.substring(colon + 1);
        if (Kind.CHANNEL.prefix.equals(prefix)) {
            try {
                return channel(Channel.valueOf(code));
            }
            catch (IllegalArgumentException ex) {
                throw new InvalidTarget("'" + code + "' is not a channel; one of " + Arrays.stream(Channel.values())
                    .map(Channel::name).collect(Collectors.joining(", ")));
            }
        }
        if (Kind.DEPARTMENT.prefix.equals(prefix)) {
            if (!DEPARTMENT_CODE.matcher(code).matches()) {
                throw new InvalidTarget("'" + code + "' is not a department code");
            }
            return department(code);
        }
        throw new InvalidTarget("must be channel:<CHANNEL> or department:<code>, not '" + text + "'");
    }

    public boolean isDepartment() {
        return kind == Kind.DEPARTMENT;
    }

    @Override
    public String toString() {
        return kind.prefix + ":" + code;
    }
}
