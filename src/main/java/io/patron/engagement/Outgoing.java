package io.patron.engagement;

import java.util.List;

/**
 * A rendered message on its way out: what every channel adapter receives.
 *
 * @param reference the message id (or OTP request id) a provider may echo back
 * @param recipient an email, phone number or customer id, as the channel needs
 * @param storedMessage a stored message, whose bounces a provider may report; false for a one-time password, whose
 *                      request id must not travel to the recipient with the code (the two verify it together)
 */
record Outgoing(String reference, String channelId, String recipient, String sender, String title, String htmlBody,
                String plainTextBody, List<Attachment> attachments, boolean storedMessage) {

    record Attachment(String fileName, String contentType, byte[] content) {
    }
}
