package cn.onenet.routing.workorder;

/** Which clock an order is running against: sign-for before acknowledgement, resolution after. */
public enum DeadlineKind {
    ACKNOWLEDGE, RESOLVE
}
