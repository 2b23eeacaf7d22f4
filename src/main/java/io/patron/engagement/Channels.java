package io.patron.engagement;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

/** The adapter and settings of each configured channel; a channel without settings is not available. */
@Component
class Channels {

    private final EngagementProperties properties;
    private final Map<EngagementProperties.ChannelType, ChannelAdapter> adapters =
            new EnumMap<>(EngagementProperties.ChannelType.class);

    Channels(EngagementProperties properties, List<ChannelAdapter> adapters) {
        this.properties = properties;
        adapters.forEach(a -> this.adapters.put(a.type(), a));
    }

    /** Why the channel cannot be used, or empty when it is configured. */
    Optional<String> unavailable(String channelId) {
        EngagementProperties.ChannelSettings settings = properties.channels().get(channelId);
        if (settings == null || settings.type() == null) {
            return Optional.of("Communication channel " + channelId + " is not configured in this project");
        }
        if (settings.type() == EngagementProperties.ChannelType.HTTP
                && (settings.url() == null || settings.url().isBlank())) {
            return Optional.of("Communication channel " + channelId + " has no provider URL");
        }
        if (settings.type() == EngagementProperties.ChannelType.SMTP
                && !((SmtpChannel) adapters.get(settings.type())).available()) {
            return Optional.of("Communication channel " + channelId + " needs an SMTP server (spring.mail.host)");
        }
        return Optional.empty();
    }

    boolean isInternal(String channelId) {
        EngagementProperties.ChannelSettings settings = properties.channels().get(channelId);
        return settings != null && settings.type() == EngagementProperties.ChannelType.INTERNAL;
    }

    boolean isEmail(String channelId) {
        EngagementProperties.ChannelSettings settings = properties.channels().get(channelId);
        return settings != null && settings.type() == EngagementProperties.ChannelType.SMTP;
    }

    /** The secret the channel's provider signs its callbacks with; empty when the channel accepts none. */
    Optional<String> callbackSecret(String channelId) {
        return Optional.ofNullable(properties.channels().get(channelId))
                .map(EngagementProperties.ChannelSettings::callbackSecret)
                .filter(secret -> !secret.isBlank());
    }

    void deliver(Outgoing message) throws ChannelAdapter.DeliveryException {
        Optional<String> problem = unavailable(message.channelId());
        if (problem.isPresent()) {
            throw new ChannelAdapter.DeliveryException(problem.get());
        }
        EngagementProperties.ChannelSettings settings = properties.channels().get(message.channelId());
        adapters.get(settings.type()).deliver(settings, message);
    }
}
