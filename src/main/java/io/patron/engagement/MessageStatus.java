package io.patron.engagement;

/** The contract's message statuses. */
final class MessageStatus {

    private MessageStatus() {
    }

    static final int NOT_SENT = 0;
    static final int SENT = 1;
    /** Not received, returned: a hard bounce (the address does not exist, the provider gave up for good). */
    static final int RETURNED = -1;
    /** Not received, a soft bounce (a full mailbox, a phone switched off for too long). */
    static final int SOFT_BOUNCE = -2;
    static final int ERROR = 2;
    static final int NO_AGREEMENT = 4;
    static final int RETRY_SCHEDULED = 5;

    static boolean bounced(int status) {
        return status == RETURNED || status == SOFT_BOUNCE;
    }
}
