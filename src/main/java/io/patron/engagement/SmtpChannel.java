package io.patron.engagement;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/** Email over SMTP with Spring's mail settings ({@code spring.mail.*}): HTML and plain text alternatives, attachments. */
@Component
class SmtpChannel implements ChannelAdapter {

    /** The header naming the message id in every mail of a stored message. */
    static final String REFERENCE_HEADER = "X-Patron-Reference";

    private final ObjectProvider<JavaMailSender> mail;

    SmtpChannel(ObjectProvider<JavaMailSender> mail) {
        this.mail = mail;
    }

    @Override
    public EngagementProperties.ChannelType type() {
        return EngagementProperties.ChannelType.SMTP;
    }

    /** Whether an SMTP server is configured at all. */
    boolean available() {
        return mail.getIfAvailable() != null;
    }

    @Override
    public void deliver(EngagementProperties.ChannelSettings settings, Outgoing message) throws DeliveryException {
        JavaMailSender sender = mail.getIfAvailable();
        if (sender == null) {
            throw new DeliveryException("No SMTP server is configured (spring.mail.host)");
        }
        try {
            MimeMessage mime = sender.createMimeMessage();
            boolean multipart = message.htmlBody() != null || !message.attachments().isEmpty();
            MimeMessageHelper helper = new MimeMessageHelper(mime, multipart, "UTF-8");
            helper.setFrom(message.sender());
            helper.setTo(message.recipient());
            helper.setSubject(message.title() == null ? "" : message.title());
            if (message.htmlBody() != null) {
                helper.setText(message.plainTextBody(), message.htmlBody());
            } else {
                helper.setText(message.plainTextBody());
            }
            for (Outgoing.Attachment attachment : message.attachments()) {
                helper.addAttachment(attachment.fileName(), new ByteArrayResource(attachment.content()),
                        attachment.contentType());
            }
            // a mail provider's bounce webhook can hand this back to Patron's callback (see MessageBounces)
            if (message.storedMessage()) {
                mime.setHeader(REFERENCE_HEADER, message.reference());
            }
            sender.send(mime);
        } catch (MessagingException | MailException e) {
            throw new DeliveryException("SMTP delivery failed: " + e.getClass().getSimpleName(), e);
        }
    }
}
