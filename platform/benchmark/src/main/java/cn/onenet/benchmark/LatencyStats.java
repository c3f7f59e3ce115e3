package cn.onenet.benchmark;

import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * Percentiles of a histogram recorded in microseconds, in milliseconds.
 *
 * @param count number of values
 */
record LatencyStats(long count, double mean, double p50, double p90, double p99, double p999, double max) {

    static final double MICROS_PER_MILLI = 1000.0;

    static LatencyStats of(Histogram micros) {
        if (micros.getTotalCount() == 0) {
            return new LatencyStats(0, 0, 0, 0, 0, 0, 0);
        }
        return new LatencyStats(micros.getTotalCount(),
                round(micros.getMean() / MICROS_PER_MILLI),
                ms(micros, 50), ms(micros, 90), ms(micros, 99), ms(micros, 99.9),
                round(micros.getMaxValue() / MICROS_PER_MILLI));
    }

    /** The percentile distribution as {@code [percentile, milliseconds]} points, for a chart. */
    static List<double[]> distribution(Histogram micros) {
        List<double[]> points = new ArrayList<>();
        if (micros.getTotalCount() == 0) {
            return points;
        }
        for (HistogramIterationValue value : micros.percentiles(5)) {
            double percentile = value.getPercentileLevelIteratedTo();
            points.add(new double[] {percentile, round(value.getValueIteratedTo() / MICROS_PER_MILLI)});
            if (percentile >= 100.0) {
                break;
            }
        }
        return points;
    }

    private static double ms(Histogram micros, double percentile) {
        return round(micros.getValueAtPercentile(percentile) / MICROS_PER_MILLI);
    }

    static double round(double value) {
        return Math.round(value * 1000.0) / 1000.0;
    }
}
