package io.patron.support;

/**
 * The port of the tests' in-process SMTP server (GreenMail). Parallel runs in several work trees
 * pick different ones with {@code -Dpatron.test.smtp-port=...}; application-test.yml reads the same property.
 */
public final class TestSmtp {

    public static final int PORT = Integer.getInteger("patron.test.smtp-port", 39025);

    /** The port of the tests' local message provider (MockWebServer), derived so that work trees differ too. */
    public static final int PROVIDER_PORT = PORT + 1000;

    private TestSmtp() {
    }
}
