package cn.onenet.routing.reference;

/** How fast an order must be signed for (hours) and resolved (working days). */
public record ServiceLevel(int acknowledgeWithinHours, int resolveWithinWorkingDays) {
}
