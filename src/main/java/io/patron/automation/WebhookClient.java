package io.patron.automation;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import io.patron.common.WebhookSignatures;

/**
 * Posts signed JSON to webhook receivers. Headers: {@code Patron-Webhook-Id} (the delivery, the same on every
 * attempt), {@code Patron-Webhook-Timestamp} (seconds since the epoch, project clock) and
 * {@code Patron-Webhook-Signature: v1=<hex HMAC-SHA256 of "<timestamp>.<body>" keyed with the endpoint's secret>}
 * ({@link WebhookSignatures}, shared with the verification of provider callbacks).
 * Receivers are HTTPS; plain HTTP only to this machine (loopback) and only in the sandbox (tests, local setups).
 */
@Component
class WebhookClient {

    private final HttpClient http;
    private final AutomationProperties properties;
    private final Clock clock;
    private final boolean sandbox;

    WebhookClient(AutomationProperties properties, Clock clock, @Value("${patron.sandbox:false}") boolean sandbox) {
        this.properties = properties;
        this.clock = clock;
        this.sandbox = sandbox;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.webhookTimeout()).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Why a receiver's URL is refused, or null when it is fine. */
    String refusal(URI url) {
        if (url.getHost() == null) {
            return "the URL needs a host";
        }
        if ("https".equalsIgnoreCase(url.getScheme())) {
            return null;
        }
        if ("http".equalsIgnoreCase(url.getScheme()) && sandbox && loopback(url.getHost())) {
            return null;
        }
        return "only https URLs are allowed (http to localhost in the sandbox)";
    }

    private static boolean loopback(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress() && host.matches("[0-9.:\\[\\]a-fA-F]+");
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    /** Posts the body; returns the receiver's status code (throws when it could not be reached). */
    int post(String url, String secret, String deliveryId, String body) throws Exception {
        URI uri = URI.create(url);
        String refused = refusal(uri);
        if (refused != null) {
            throw new IllegalStateException("Webhook URL refused: " + refused);
        }
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(properties.webhookTimeout())
                .header("Content-Type", "application/json")
                .header(WebhookSignatures.ID, deliveryId)
                .header(WebhookSignatures.TIMESTAMP, Long.toString(timestamp))
                .header(WebhookSignatures.SIGNATURE, WebhookSignatures.sign(secret, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
