package io.patron.engagement;

import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;

import io.patron.support.TestSmtp;

/**
 * The tests' local HTTP server on {@link TestSmtp#PROVIDER_PORT}: the message provider of the SMS channel (answers
 * 200 unless a test queued failure codes) and a file server for URL attachments ({@code GET /files/...}).
 */
final class ProviderServer implements AutoCloseable {

    private final MockWebServer server = new MockWebServer();
    private final List<RecordedRequest> received = new CopyOnWriteArrayList<>();
    private final Queue<Integer> failures = new ConcurrentLinkedQueue<>();
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();

    ProviderServer() throws IOException {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String path = request.getUrl().encodedPath();
                if (path.startsWith("/files/")) {
                    byte[] file = files.get(path.substring("/files/".length()));
                    if (file == null) {
                        return new MockResponse.Builder().code(404).build();
                    }
                    return new MockResponse.Builder().code(200).body(new Buffer().write(file)).build();
                }
                received.add(request);
                Integer failure = failures.poll();
                return new MockResponse.Builder().code(failure == null ? 200 : failure).build();
            }
        });
        server.start(InetAddress.getByName("127.0.0.1"), TestSmtp.PROVIDER_PORT);
    }

    void reset() {
        received.clear();
        failures.clear();
        files.clear();
    }

    /** The next provider calls answer these codes, one each. */
    void failWith(Integer... codes) {
        failures.addAll(List.of(codes));
    }

    void serve(String name, byte[] content) {
        files.put(name, content);
    }

    List<RecordedRequest> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        server.close();
    }
}
