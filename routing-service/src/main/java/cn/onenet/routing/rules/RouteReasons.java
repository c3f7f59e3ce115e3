package cn.onenet.routing.rules;

import java.util.Collection;

/**
 * Routing's reasons for where it sends an order, as the note of its dispatch or triage step. The console reads them
 * in Chinese by their wording, tested as {@link cn.onenet.routing.workorder.TimelineNotes} says.
 */
public final class RouteReasons {

    private RouteReasons() {
    }

    /** Dispatched by the first rule that matched, by its name. */
    public static String byRule(String ruleName) {
        return "rule \"" + ruleName + "\"";
    }

    /** Dispatched to the department the catalogue makes responsible for the category. */
    public static String byCatalogue(String category, String department) {
        return "catalogue: " + category + " is handled by " + department;
    }

    /** To triage: the category is not in the catalogue. */
    public static String notInCatalogue(String category) {
        return "category " + category + " is not in the catalogue";
    }

    /** Nowhere to go: every department that could take the order has returned it. */
    public static String everyDepartmentReturned(Collection<String> departments) {
        return "every department that could take it has returned it: " + String.join(", ", departments);
    }

    /** To triage: no rule matches and the catalogue names no department for the category. */
    public static String noDepartmentFor(String category) {
        return "no rule matches and no department is responsible for category " + category;
    }
}
