package cn.onenet.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** Every writer returns only after a commit that includes its write; concurrent writers share commits. */
class GroupCommitTests {

    @Test
    void eachWriterWaitsForACommitThatIncludesItsWriteAndWritersShareCommits() throws Exception {
        AtomicLong inMemory = new AtomicLong();
        AtomicLong onFile = new AtomicLong();
        AtomicInteger commits = new AtomicInteger();
        IdIndexedBackends.GroupCommit group = new IdIndexedBackends.GroupCommit(() -> {
            long snapshot = inMemory.get();
            sleep(2);
            onFile.accumulateAndGet(snapshot, Math::max);
            commits.incrementAndGet();
        });
        int writers = 8;
        int writesEach = 50;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<String>>> results = new ArrayList<>();
        for (int writer = 0; writer < writers; writer++) {
            results.add(pool.submit(() -> {
                List<String> notDurable = new ArrayList<>();
                start.await();
                for (int write = 0; write < writesEach; write++) {
                    long mine = inMemory.incrementAndGet();
                    group.awaitDurable();
                    if (onFile.get() < mine) {
                        notDurable.add("write " + mine + " answered with " + onFile.get() + " on file");
                    }
                }
                return notDurable;
            }));
        }
        start.countDown();
        for (Future<List<String>> result : results) {
            assertThat(result.get()).isEmpty();
        }
        pool.shutdown();
        assertThat(onFile.get()).isEqualTo(writers * writesEach);
        assertThat(commits.get()).as("commits for %d writes", writers * writesEach).isLessThan(writers * writesEach / 2);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
