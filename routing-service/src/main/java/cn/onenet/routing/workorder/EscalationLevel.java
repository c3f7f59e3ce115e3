package cn.onenet.routing.workorder;

/** The supervision ladder of a late order, in order. */
public enum EscalationLevel {
    NONE("—"),
    /** most of the time used */
    WARNING("预警"),
    /** the deadline has passed */
    REMINDER("催办"),
    /** still late after a grace period */
    SUPERVISION("督办"),
    /** still late: raised to the level above */
    RAISED("提级督办");

    private final String label;

    EscalationLevel(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
