package cn.onenet.localstack;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import org.bson.Document;

/**
 * The file store's CPU for each update, as routing makes them: pinned to an order's id and version, changing its
 * status and counters, on a collection with a unique index besides {@code _id} and one that is not. Counts the CPU of
 * the store's command threads ({@code mongo-server-*}) only, so the driver beside it in this JVM does not count.
 * Not a test (it asserts nothing): run it by hand, see the README's "Benchmark" section. Arguments: orders (5000),
 * rounds (24), updates a round (5000); the first third of the rounds warm up and are left out of the summary.
 */
public final class StoreUpdateBenchmark {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private StoreUpdateBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int orders = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 24;
        int perRound = args.length > 2 ? Integer.parseInt(args[2]) : 5000;
        Path dir = Files.createTempDirectory("store-update-benchmark");
        try (DocumentStore store = DocumentStore.file(dir.resolve("onenet.h2"), 0)) {
            store.start();
            try (MongoClient client = MongoClients.create(store.connectionString("onenet-routing"))) {
                MongoCollection<Document> workOrders = client.getDatabase("onenet-routing").getCollection("workorders");
                workOrders.createIndex(new Document("trackingNumber", 1), new IndexOptions().unique(true));
                workOrders.createIndex(new Document("status", 1).append("acceptedAt", -1));
                for (int i = 0; i < orders; i++) {
                    workOrders.insertOne(order(i));
                }
                long[] versions = new long[orders];
                double[] perUpdate = new double[rounds];
                for (int round = 0; round < rounds; round++) {
                    long cpuBefore = storeCpuNanos();
                    long started = System.nanoTime();
                    for (int k = 0; k < perRound; k++) {
                        int i = (round * perRound + k) % orders;
                        workOrders.updateOne(new Document("_id", "order-" + i).append("version", versions[i]),
                            new Document("$set", new Document("status", k % 2 == 0 ? "ACKNOWLEDGED" : "DISPATCHED"))
                                .append("$inc", new Document("version", 1L).append("pendingCount", 1)));
                        versions[i]++;
                    }
                    perUpdate[round] = (storeCpuNanos() - cpuBefore) / 1000.0 / perRound;
                    System.out.printf("round %d: store CPU %.1f us an update, %.1f us an update elapsed%n", round,
                            perUpdate[round], (System.nanoTime() - started) / 1000.0 / perRound);
                }
                double[] measured = Arrays.copyOfRange(perUpdate, rounds / 3, rounds);
                Arrays.sort(measured);
                System.out.printf("store CPU an update over rounds %d-%d: median %.1f us, least %.1f us, "
                        + "most %.1f us%n", rounds / 3, rounds - 1, measured[measured.length / 2], measured[0],
                        measured[measured.length - 1]);
            }
        } finally {
            ClassDataSharing.deleteTree(dir);
        }
    }

    private static Document order(int i) {
        List<Document> history = new ArrayList<>();
        for (int h = 0; h < 4; h++) {
            history.add(new Document("at", new Date()).append("what", "EVENT-" + h).append("by", "dispatcher"));
        }
        return new Document("_id", "order-" + i).append("trackingNumber", String.format("%017d", i * 7919L))
            .append("status", "DISPATCHED").append("version", 0L).append("acceptedAt", new Date())
            .append("title", "独居老人需要助餐服务 " + i).append("description", "x".repeat(400))
            .append("location", new Document("community", "xingzhou").append("address", "星洲社区3幢2单元"))
            .append("history", history).append("pendingCount", 0);
    }

    /** CPU used so far by the store's command threads. */
    private static long storeCpuNanos() {
        long sum = 0;
        for (ThreadInfo thread : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (thread != null && thread.getThreadName().startsWith("mongo-server")) {
                sum += Math.max(0, THREADS.getThreadCpuTime(thread.getThreadId()));
            }
        }
        return sum;
    }
}
