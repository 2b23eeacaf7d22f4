package io.patron.engagement;

/** Delivers rendered messages over one kind of channel (SMTP, an HTTP provider, internal notifications). */
interface ChannelAdapter {

    EngagementProperties.ChannelType type();

    /**
     * Hands the message to the channel; returns normally once the channel accepted it.
     *
     * @throws DeliveryException when the channel refused it or could not be reached (the caller may retry)
     */
    void deliver(EngagementProperties.ChannelSettings settings, Outgoing message) throws DeliveryException;

    /** A delivery that failed; the message says why, without the message's content. */
    final class DeliveryException extends Exception {
        DeliveryException(String message, Throwable cause) {
            super(message, cause);
        }

        DeliveryException(String message) {
            super(message);
        }
    }
}
