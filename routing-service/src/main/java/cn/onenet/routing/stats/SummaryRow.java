package cn.onenet.routing.stats;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The counts of one group of orders and the four rates (README.md, "Statistics: what the rates mean").
 * Every count but {@code received}, {@code rejected} and {@code merged} leaves out rejected and merged orders.
 *
 * @param key the department, channel, category or community code; null for orders without one
 * @param callbacks orders called back at least once: the denominator of the satisfaction rate
 * @param responseRate 响应率 = acknowledgedOnTime / dispatched, 4 decimal places; null when nothing was dispatched
 * @param resolutionRate 解决率 = resolvedOnTime / dispatched
 * @param satisfactionRate 满意率 = satisfied / callbacks
 * @param followedUp orders the requester asked after (来电催办) at least once: 催办件
 * @param followUps how many times their requesters asked after them, in all: 催办次数
 * @param followUpRate 催办率 = followedUp / (received − rejected − merged)
 */
public record SummaryRow(String key, long received, long rejected, long merged, long dispatched,
        long acknowledgedOnTime, long resolved, long resolvedOnTime, long closed, long callbacks, long satisfied,
        long overdue, BigDecimal responseRate, BigDecimal resolutionRate, BigDecimal satisfactionRate, long followedUp,
        long followUps, BigDecimal followUpRate) {

    public static final int RATE_SCALE = 4;

    /** {@code part / whole} rounded half up to 4 places; null when {@code whole} is 0. */
    static BigDecimal rate(long part, long whole) {
        return whole == 0 ? null
                : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), RATE_SCALE, RoundingMode.HALF_UP);
    }
}
