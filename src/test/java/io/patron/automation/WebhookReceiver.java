package io.patron.automation;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A local HTTP receiver of webhooks (OkHttp MockWebServer): records every request and answers with the status codes
 * a test queued, then 200.
 */
final class WebhookReceiver implements AutoCloseable {

    private final MockWebServer server = new MockWebServer();
    private final List<RecordedRequest> received = new CopyOnWriteArrayList<>();
    private final Deque<Integer> answers = new ArrayDeque<>();
    private volatile int afterwards = 200;

    WebhookReceiver() throws IOException {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                received.add(request);
                Integer code;
                synchronized (answers) {
                    code = answers.poll();
                }
                return new MockResponse.Builder().code(code == null ? afterwards : code).build();
            }
        });
        server.start();
    }

    /** The next requests are answered with these codes, in order. */
    WebhookReceiver answer(int... codes) {
        synchronized (answers) {
            for (int code : codes) {
                answers.add(code);
            }
        }
        return this;
    }

    /** Requests after the queued answers get this code. */
    WebhookReceiver afterwards(int code) {
        this.afterwards = code;
        return this;
    }

    String url() {
        return "http://localhost:" + server.getPort() + "/hooks/patron";
    }

    List<RecordedRequest> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        server.close();
    }
}
