package io.patron.engagement;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import io.patron.api.Envelope;
import io.patron.api.RequestIdFilter;
import io.patron.common.WebhookSignatures;

/**
 * Callbacks of message providers, outside the CareCloud paths (as {@code /admin} and {@code /sandbox}): no API
 * credentials, each request signed with its channel's shared secret instead ({@link MessageBounces}). The raw body
 * is taken as bytes, since the signature covers exactly what was sent.
 */
@RestController
class MessageCallbackController {

    static final String BOUNCES = "/callbacks/channels/{communication_channel_id}/bounces";

    private final MessageBounces bounces;

    MessageCallbackController(MessageBounces bounces) {
        this.bounces = bounces;
    }

    @PostMapping(BOUNCES)
    Envelope bounce(@PathVariable("communication_channel_id") String channelId,
                    @RequestHeader(name = WebhookSignatures.TIMESTAMP, required = false) String timestamp,
                    @RequestHeader(name = WebhookSignatures.SIGNATURE, required = false) String signature,
                    @RequestBody(required = false) byte[] body, HttpServletRequest request) {
        return Envelope.of(bounces.report(channelId, timestamp, signature, body, RequestIdFilter.current(request)));
    }
}
