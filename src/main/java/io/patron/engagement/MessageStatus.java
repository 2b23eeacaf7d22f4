package io.patron.engagement;

/** The contract's message statuses. */
final class MessageStatus {

    private MessageStatus() {
    }

    static final int NOT_SENT = 0;
    static final int SENT = 1;
    static final int ERROR = 2;
    static final int NO_AGREEMENT = 4;
    static final int RETRY_SCHEDULED = 5;
}
