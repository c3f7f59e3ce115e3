package cn.onenet.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocumentStoreTests {

    @TempDir
    Path dir;

    @Test
    void fileStoreKeepsDocumentsAcrossRestart() {
        Path h2File = dir.resolve("store").resolve("onenet.h2");
        try (DocumentStore store = DocumentStore.file(h2File, 0)) {
            store.start();
            try (MongoClient client = client(store)) {
                requests(client).insertOne(new Document("_id", "MS-1").append("title", "独居老人需要助餐服务"));
            }
            store.stop();
            assertThat(store.isRunning()).isFalse();
            assertThat(h2File).isRegularFile();

            store.start();

            assertThat(store.isRunning()).isTrue();
            try (MongoClient client = client(store)) {
                Document found = requests(client).find(new Document("_id", "MS-1")).first();
                assertThat(found).isNotNull();
                assertThat(found.getString("title")).isEqualTo("独居老人需要助餐服务");
            }
        }
    }

    @Test
    void inMemoryStoreServesQueriesAndStartsEmptyAgain() {
        try (DocumentStore store = DocumentStore.inMemory(0)) {
            store.start();
            try (MongoClient client = client(store)) {
                MongoCollection<Document> requests = requests(client);
                requests.insertOne(new Document("_id", "A").append("urgency", "NORMAL"));
                requests.insertOne(new Document("_id", "B").append("urgency", "URGENT"));

                assertThat(requests.countDocuments(new Document("urgency", "URGENT"))).isEqualTo(1);
            }
            store.stop();
            store.start();
            try (MongoClient client = client(store)) {
                assertThat(requests(client).countDocuments()).isZero();
            }
        }
    }

    @Test
    void connectionStringNamesLoopbackPortAndDatabase() {
        DocumentStore store = DocumentStore.inMemory(0);

        assertThat(store.connectionString("onenet-routing"))
                .isEqualTo("mongodb://127.0.0.1:" + store.port() + "/onenet-routing");
        assertThat(store.isRunning()).isFalse();
    }

    @Test
    void startFailsNamingThePortWhenItIsTaken() throws IOException {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            DocumentStore store = DocumentStore.inMemory(taken.getLocalPort());

            assertThatThrownBy(store::start)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("127.0.0.1:" + taken.getLocalPort());
            assertThat(store.isRunning()).isFalse();
        }
    }

    private static MongoClient client(DocumentStore store) {
        return MongoClients.create(store.connectionString("onenet-routing") + "?serverSelectionTimeoutMS=5000");
    }

    private static MongoCollection<Document> requests(MongoClient client) {
        return client.getDatabase("onenet-routing").getCollection("requests");
    }
}
