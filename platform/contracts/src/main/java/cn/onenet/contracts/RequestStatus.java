package cn.onenet.contracts;

/** Where a work order stands; see DESIGN.md §3. */
public enum RequestStatus {
    RECEIVED, TRIAGE, DISPATCHED, ACKNOWLEDGED, IN_PROGRESS, RESOLVED, CLOSED, REOPENED, RETURNED, REJECTED, MERGED;

    /** Closed, rejected and merged orders take no further work. */
    public boolean isFinal() {
        return this == CLOSED || this == REJECTED || this == MERGED;
    }
}
