package org.opora.bench;

import java.util.Arrays;
import java.util.concurrent.Callable;

/** Times a call many times (after a warm-up) and reports percentiles in milliseconds. */
final class Latencies {

    final double[] millis;
    final boolean cutShort;

    private Latencies(double[] millis, boolean cutShort) {
        this.millis = millis;
        this.cutShort = cutShort;
        Arrays.sort(this.millis);
    }

    /** Runs the call up to {@code times} times, stopping early once {@code budgetMillis} is spent. */
    static Latencies measure(int warmUp, int times, long budgetMillis, Callable<?> call) throws Exception {
        for (int i = 0; i < warmUp; i++) {
            call.call();
        }
        double[] all = new double[times];
        long deadline = System.currentTimeMillis() + budgetMillis;
        int done = 0;
        while (done < times) {
            long start = System.nanoTime();
            call.call();
            all[done++] = (System.nanoTime() - start) / 1e6;
            if (System.currentTimeMillis() > deadline) {
                break;
            }
        }
        return new Latencies(Arrays.copyOf(all, done), done < times);
    }

    int count() {
        return millis.length;
    }

    double percentile(double p) {
        if (millis.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100.0 * millis.length) - 1;
        return millis[Math.max(0, Math.min(index, millis.length - 1))];
    }

    String describe() {
        return "p50 " + BenchReport.f(percentile(50)) + " ms, p99 " + BenchReport.f(percentile(99)) + " ms (n=" + count()
                + (cutShort ? ", cut short by its time budget" : "") + ")";
    }
}
