package cn.onenet.benchmark;

import java.util.concurrent.CompletableFuture;

/** Sends request number {@code sequence} without waiting for the answer. */
@FunctionalInterface
interface RequestSender {

    CompletableFuture<Outcome> send(long sequence);
}
