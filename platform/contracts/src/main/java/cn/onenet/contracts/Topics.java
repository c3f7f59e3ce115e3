package cn.onenet.contracts;

import java.util.List;

/** Topic names: named for the business and versioned, never after Java classes. */
public final class Topics {

    /** Requests accepted in the one window; keyed by request id. */
    public static final String REQUESTS_SUBMITTED = "onenet.requests.submitted.v1";

    /** Every change of a work order; keyed by request id so an order's events stay in order. */
    public static final String REQUESTS_LIFECYCLE = "onenet.requests.lifecycle.v1";

    /** Reference data (categories, communities) as a compacted snapshot; read from the start by intake. */
    public static final String REFERENCE_DATA = "onenet.reference.v1";

    /** Records a consumer could not process end up here, with the failure in the headers. */
    public static String deadLetter(String topic) {
        return topic + ".dlt";
    }

    /**
     * Whether the topic keeps only the newest record of each key (compacted, as the reference snapshot): an older
     * record of a key published again would take the newer one's place.
     */
    public static boolean keepsNewestPerKey(String topic) {
        return REFERENCE_DATA.equals(topic);
    }

    public static List<String> all() {
        return List.of(REQUESTS_SUBMITTED, REQUESTS_LIFECYCLE, REFERENCE_DATA);
    }

    private Topics() {
    }
}
