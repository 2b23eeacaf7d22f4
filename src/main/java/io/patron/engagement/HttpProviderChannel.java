package io.patron.engagement;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * A generic JSON provider (SMS gateways, push and Viber services behind a small bridge): every message is one
 * {@code POST} of a JSON object to the channel's URL with its configured headers; any 2xx answer means accepted.
 */
@Component
class HttpProviderChannel implements ChannelAdapter {

    private final JsonMapper json;
    private final HttpClient client = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    HttpProviderChannel(JsonMapper json) {
        this.json = json;
    }

    @Override
    public EngagementProperties.ChannelType type() {
        return EngagementProperties.ChannelType.HTTP;
    }

    @Override
    public void deliver(EngagementProperties.ChannelSettings settings, Outgoing message) throws DeliveryException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reference", message.reference());
        body.put("communication_channel_id", message.channelId());
        body.put("recipient", message.recipient());
        body.put("sender", message.sender());
        body.put("title", message.title());
        body.put("text", message.plainTextBody());
        body.put("html", message.htmlBody());
        List<Map<String, String>> attachments = message.attachments().stream()
                .map(a -> Map.of("file_name", a.fileName(), "content_type", a.contentType(),
                        "content_base64", Base64.getEncoder().encodeToString(a.content())))
                .toList();
        body.put("attachments", attachments);
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(URI.create(settings.url()))
                    .timeout(settings.timeout())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        } catch (IllegalArgumentException e) {
            throw new DeliveryException("The provider URL of channel " + message.channelId() + " is not valid", e);
        }
        settings.headers().forEach(request::header);
        try {
            HttpResponse<Void> answer = client.send(request.build(), HttpResponse.BodyHandlers.discarding());
            if (answer.statusCode() / 100 != 2) {
                throw new DeliveryException("The provider answered HTTP " + answer.statusCode());
            }
        } catch (IOException e) {
            throw new DeliveryException("The provider could not be reached: " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException("Interrupted while calling the provider", e);
        }
    }
}
