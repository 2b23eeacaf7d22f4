package io.patron.engagement;

import org.springframework.stereotype.Component;

/**
 * Internal notifications: the stored message is the notification, read by the customer at {@code GET /messages} on
 * the Customer API; delivering it only marks it sent.
 */
@Component
class InternalChannel implements ChannelAdapter {

    @Override
    public EngagementProperties.ChannelType type() {
        return EngagementProperties.ChannelType.INTERNAL;
    }

    @Override
    public void deliver(EngagementProperties.ChannelSettings settings, Outgoing message) {
        // nothing leaves Patron: the message row the customer reads was written when it was queued
    }
}
