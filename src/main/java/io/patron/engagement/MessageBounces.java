package io.patron.engagement;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.patron.api.ApiError;
import io.patron.api.InvalidParam;
import io.patron.api.Reason;
import io.patron.api.TextLimits;
import io.patron.audit.AuditActor;
import io.patron.audit.AuditContext;
import io.patron.common.WebhookSignatures;

/**
 * Bounces reported by a channel's provider through its signed callback ({@code POST /callbacks/channels/{id}/bounces},
 * {@code {"reference": message id, "kind": "hard"|"soft", "reason": text}}): the message gets the contract's status
 * -1 (returned, hard) or -2 (soft bounce).
 *
 * <p>Rules: only a message of the calling channel that was queued for delivery (not one without a consent, status 4)
 * can bounce, else 404. A hard bounce is final; a soft bounce may later turn hard, never the reverse. A bounce
 * replaces 0, 1, 2 and 5 (the provider had the message, so its report is the later news, even where Patron's own
 * attempt timed out), and delivery never overwrites a bounce ({@link MessageRepository#markSent}). A report that
 * would change nothing (a repeat, a soft bounce after a hard one) answers the message's status and changes nothing.
 * Writes are audited with the actor {@code provider} and the channel id.
 */
@Service
class MessageBounces {

    /** The largest callback body read; a bounce report is a few hundred bytes. */
    static final int MAX_BODY = 64 * 1024;
    /** Longer provider diagnostics are cut here rather than refused: a provider cannot shorten its own text. */
    static final int MAX_REASON = 1000;

    /** What a provider reports. */
    enum Kind {
        HARD(MessageStatus.RETURNED), SOFT(MessageStatus.SOFT_BOUNCE);

        final int status;

        Kind(int status) {
            this.status = status;
        }
    }

    record Report(String reference, Kind kind, String reason) {
    }

    /** The answer to a callback: the message's status after it, and whether this callback changed it. */
    record Outcome(String messageId, int status, boolean changed) {
    }

    // plain parsing: the body is checked field by field below, with the callback's own field names
    private static final JsonMapper PLAIN = JsonMapper.builder().build();

    private final MessageRepository messages;
    private final Channels channels;
    private final EngagementProperties properties;
    private final TransactionTemplate transactions;
    private final MeterRegistry metrics;
    private final Clock clock;

    MessageBounces(MessageRepository messages, Channels channels, EngagementProperties properties,
                   TransactionTemplate transactions, MeterRegistry metrics, Clock clock) {
        this.messages = messages;
        this.channels = channels;
        this.properties = properties;
        this.transactions = transactions;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Verifies and applies one callback: 401 without a valid signature (checked before the body is read), 400 naming
     * the refused field, 404 for a message the channel's provider was never given.
     */
    Outcome report(String channelId, String timestamp, String signature, byte[] body, String requestId) {
        String secret = channels.callbackSecret(channelId).orElseThrow(() -> ApiError.unauthorized(
                "Communication channel " + channelId + " accepts no callbacks (no callback secret configured)"));
        byte[] raw = body == null ? new byte[0] : body;
        WebhookSignatures.problem(secret, timestamp, signature, raw, clock.instant(), properties.callbackMaxSkew())
                .ifPresent(problem -> {
                    throw ApiError.unauthorized(problem);
                });
        Report report = parse(raw);
        Outcome outcome = AuditContext.as(AuditActor.provider(channelId, requestId),
                () -> transactions.execute(status -> apply(channelId, report)));
        if (outcome.changed()) {
            metrics.counter("patron.engagement.bounces", "channel", channelId,
                    "kind", report.kind().name().toLowerCase(Locale.ROOT)).increment();
        }
        return outcome;
    }

    private Outcome apply(String channelId, Report report) {
        MessageRepository.CallbackTarget message = messages.lockForCallback(report.reference())
                .filter(m -> m.channelId().equals(channelId) && m.status() != MessageStatus.NO_AGREEMENT)
                .orElseThrow(() -> ApiError.notFound("messages", report.reference()));
        int target = report.kind().status;
        if (message.status() == target || message.status() == MessageStatus.RETURNED) {
            return new Outcome(message.id(), message.status(), false);
        }
        String reason = report.reason() != null && !report.reason().isBlank() ? report.reason()
                : report.kind() == Kind.HARD ? "Hard bounce reported by the provider"
                : "Soft bounce reported by the provider";
        messages.markBounced(message.id(), target, reason, OffsetDateTime.now(clock));
        return new Outcome(message.id(), target, true);
    }

    private static Report parse(byte[] body) {
        if (body.length > MAX_BODY) {
            throw ApiError.badRequest("body", Reason.NOT_ALLOWED_VALUE, "Larger than " + MAX_BODY + " bytes");
        }
        JsonNode tree;
        try {
            tree = body.length == 0 ? null : PLAIN.readTree(body);
        } catch (JacksonException e) {
            throw ApiError.badRequest("body", Reason.INVALID_VALUE_FORMAT, "The body is not valid JSON");
        }
        if (tree == null || !tree.isObject()) {
            throw ApiError.badRequest("body", Reason.REQUIRED, "A JSON object is required");
        }
        List<InvalidParam> errors = new ArrayList<>();
        String reference = text(tree, "reference", errors);
        if (reference == null || reference.isBlank()) {
            if (errors.isEmpty()) {
                errors.add(InvalidParam.of("reference", Reason.REQUIRED, "The message id Patron gave the provider"));
            }
        } else {
            // message ids are at most 64 characters: a longer one names no message
            TextLimits.problem("message_id", reference).ifPresent(p -> errors.add(TextLimits.refusal("reference", p)));
        }
        Kind kind = null;
        JsonNode kindNode = tree.get("kind");
        if (kindNode == null || kindNode.isNull()) {
            errors.add(InvalidParam.of("kind", Reason.REQUIRED, "hard or soft"));
        } else if (!kindNode.isString() || !List.of("hard", "soft").contains(kindNode.asString())) {
            errors.add(InvalidParam.of("kind", Reason.NOT_ALLOWED_VALUE, "One of: hard, soft"));
        } else {
            kind = Kind.valueOf(kindNode.asString().toUpperCase(Locale.ROOT));
        }
        String reason = text(tree, "reason", errors);
        if (reason != null) {
            Optional<String> unstorable = TextLimits.unstorable(reason);
            unstorable.ifPresent(p -> errors.add(TextLimits.refusal("reason", p)));
            if (reason.length() > MAX_REASON) {
                int end = Character.isHighSurrogate(reason.charAt(MAX_REASON - 1)) ? MAX_REASON - 1 : MAX_REASON;
                reason = reason.substring(0, end);
            }
        }
        if (!errors.isEmpty()) {
            throw ApiError.badRequest(errors);
        }
        return new Report(reference.trim(), kind, reason);
    }

    /** A text field, null when absent; anything else than a string is refused under the field's name. */
    private static String text(JsonNode tree, String name, List<InvalidParam> errors) {
        JsonNode node = tree.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isString()) {
            errors.add(InvalidParam.of(name, Reason.INVALID_VALUE_FORMAT, "Expected a string"));
            return null;
        }
        return node.asString();
    }
}
