package cn.onenet.routing.sla;

/** No calendar is loaded for the year asked for. */
public class CalendarNotFound extends RuntimeException {

    public CalendarNotFound(int year) {
        super("No working-day calendar is loaded for " + year + "; deadlines in it count Monday to Friday until one is"
                + " stored with PUT /api/v1/calendar/" + year + ".");
    }
}
