package io.patron.engagement;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import io.patron.events.DomainEvent;
import io.patron.events.DomainEventListener;
import io.patron.events.EventType;

/**
 * Delivers queued messages after their commit. A failed attempt is recorded at once (status 5, retry scheduled, in
 * its own transaction, as the listener's own work is undone when it fails) and the event is retried by the outbox
 * with backoff; after the configured attempts the message is an error (status 2) and the event is done. A message
 * already sent is not sent again (an event may be delivered more than once), nor one a provider reported bounced
 * ({@link MessageBounces}).
 */
@Component
class MessageDelivery implements DomainEventListener {

    private static final Logger log = LoggerFactory.getLogger(MessageDelivery.class);

    private final MessageRepository messages;
    private final Channels channels;
    private final EngagementProperties properties;
    private final TransactionTemplate separately;
    private final Clock clock;

    MessageDelivery(MessageRepository messages, Channels channels, EngagementProperties properties,
                    PlatformTransactionManager transactions, Clock clock) {
        this.messages = messages;
        this.channels = channels;
        this.properties = properties;
        this.separately = new TransactionTemplate(transactions);
        this.separately.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of(EventType.MESSAGE_QUEUED);
    }

    @Override
    public void onEvent(DomainEvent event) throws ChannelAdapter.DeliveryException {
        MessageRepository.Queued message = messages.queued(event.text("message_id")).orElse(null);
        if (message == null || message.status() == MessageStatus.SENT || message.status() == MessageStatus.ERROR
                || message.status() == MessageStatus.NO_AGREEMENT || MessageStatus.bounced(message.status())) {
            return; // deleted by retention, or already settled (a provider reported a bounce: it had the message)
        }
        int attempt = message.attempts() + 1;
        try {
            channels.deliver(new Outgoing(message.id(), message.channelId(), message.contact(), message.sender(),
                    message.title(), message.htmlBody(), message.plainTextBody(),
                    messages.attachments(message.id()).stream()
                            .map(a -> new Outgoing.Attachment(a.fileName(), a.contentType(), a.content())).toList(),
                    true));
        } catch (ChannelAdapter.DeliveryException e) {
            boolean last = attempt >= properties.deliveryAttempts();
            OffsetDateTime now = OffsetDateTime.now(clock);
            separately.executeWithoutResult(s -> messages.markFailed(message.id(),
                    last ? MessageStatus.ERROR : MessageStatus.RETRY_SCHEDULED, attempt, e.getMessage(), now));
            if (last) {
                log.warn("Message {} could not be delivered after {} attempts: {}", message.id(), attempt,
                        e.getMessage());
                return;
            }
            throw e;
        }
        messages.markSent(message.id(), attempt, OffsetDateTime.now(clock));
    }
}
