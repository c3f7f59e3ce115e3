package cn.onenet.routing.workorder;

/**
 * A department's report sent under an {@code Idempotency-Key} it already used on the order for another step: taken
 * as a repeat, the report would be answered 200 and lost; it is refused (422) so the system sends it under a key of
 * its own.
 */
public class ReportKeyReused extends RuntimeException {

    public ReportKeyReused(String key, String usedFor, String step) {
        super("was used on this order for another report (" + usedFor + "), not " + step
                + ": send each report under a key of its own");
    }
}
