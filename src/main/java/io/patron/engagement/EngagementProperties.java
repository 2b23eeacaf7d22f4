package io.patron.engagement;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Messages and one-time passwords ({@code patron.engagement.*}).
 *
 * @param channels          delivery per communication channel id ("1" email, "2" SMS, "4" push, "5" internal,
 *                          "9" Viber...): a channel not listed here cannot be used
 * @param messageRetention  how long messages are kept before a job deletes them
 * @param deliveryAttempts  attempts to deliver a message before it is marked as an error (at most the outbox's)
 * @param attachments       limits of message attachments
 * @param otp               one-time passwords
 * @param callbackMaxSkew   how far a provider callback's signed timestamp may be from the project clock, either way
 */
@ConfigurationProperties("patron.engagement")
public record EngagementProperties(
        @DefaultValue({}) Map<String, ChannelSettings> channels,
        @DefaultValue("365d") Duration messageRetention,
        @DefaultValue("5") int deliveryAttempts,
        @DefaultValue Attachments attachments,
        @DefaultValue Otp otp,
        @DefaultValue("5m") Duration callbackMaxSkew) {

    public enum ChannelType { SMTP, HTTP, INTERNAL }

    /**
     * One channel's delivery.
     *
     * @param type    {@code smtp} (Spring's mail settings), {@code http} (a JSON POST to {@code url}) or
     *                {@code internal} (stored for the Customer API only)
     * @param url     the provider endpoint of an {@code http} channel
     * @param headers headers of every provider request (e.g. an API key)
     * @param timeout connect and read timeout of a provider request
     * @param callbackSecret the secret shared with the channel's provider, which signs its callbacks (bounce
     *                       reports); none: the channel accepts no callbacks
     */
    public record ChannelSettings(ChannelType type, String url, @DefaultValue({}) Map<String, String> headers,
                                  @DefaultValue("10s") Duration timeout, String callbackSecret) {
    }

    /**
     * @param maxBytes      the largest attachment (after decoding)
     * @param allowedHosts  the hosts URL attachments may be fetched from; none: URL attachments are refused
     * @param internalHosts allowed hosts that may resolve to internal addresses (loopback, private, link-local);
     *                      any other host resolving to one is refused
     */
    public record Attachments(@DefaultValue("1048576") int maxBytes, @DefaultValue({}) List<String> allowedHosts,
                              @DefaultValue({}) List<String> internalHosts,
                              @DefaultValue("10s") Duration fetchTimeout) {
    }

    /**
     * @param validity          how long a code can be verified
     * @param length            characters of a code
     * @param maxAttempts       verifications of one request; past them even the right code is refused
     * @param maxSends          codes sent to one recipient within {@code sendWindow}
     * @param sendWindow        the window of {@code maxSends}
     * @param defaultTemplate   text id of the template used when a send names none
     */
    public record Otp(@DefaultValue("1h") Duration validity, @DefaultValue("6") int length,
                      @DefaultValue("5") int maxAttempts, @DefaultValue("5") int maxSends,
                      @DefaultValue("1h") Duration sendWindow, @DefaultValue("otp") String defaultTemplate) {
    }
}
