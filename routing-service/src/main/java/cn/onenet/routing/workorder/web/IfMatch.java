package cn.onenet.routing.workorder.web;

import cn.onenet.platform.web.FieldProblem;
import cn.onenet.platform.web.InvalidRequest;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An order's version as its answers give it ({@code ETag: "7"}, and {@code version} in the body), and as a step
 * sent back for it names it ({@code If-Match: "7"}): the step is taken only if the order is still that version.
 */
final class IfMatch {

    static final String HEADER = "If-Match";

    private static final Pattern ONE_TAG = Pattern.compile("\"([0-9]{1,18})\"|([0-9]{1,18})");

    private IfMatch() {
    }

    /** The version {@code header} names; {@code null} (any version) when there is none or it is {@code *}. */
    static Long version(String header) {
        if (header == null || header.isBlank() || header.strip().equals("*")) {
            return null;
        }
        Matcher tag = ONE_TAG.matcher(header.strip());
        if (!tag.matches()) {
            throw new InvalidRequest(List.of(new FieldProblem(HEADER,
                    "must be the ETag of the order as last read, such as \"7\" (one strong tag), or *")));
        }
        return Long.parseLong(tag.group(1) != null ? tag.group(1) : tag.group(2));
    }

    /** The ETag of an order at {@code version}. */
    static String etag(long version) {
        return "\"" + version + "\"";
    }
}
