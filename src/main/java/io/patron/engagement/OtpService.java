package io.patron.engagement;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.patron.api.ApiError;
import io.patron.api.InvalidParam;
import io.patron.api.Language;
import io.patron.api.PhoneNumbers;
import io.patron.api.Reason;
import io.patron.auth.AuthService;
import io.patron.common.Ids;
import io.patron.common.PasswordHasher;

/**
 * One-time passwords: a code from a secure random source, stored only as an Argon2 hash, valid for the configured
 * time, usable once, bound to the application that asked for it and its request id. Each request allows a few
 * verifications, each recipient a few codes per window. The code is delivered at once through the channel (the
 * caller learns whether it went out); it is never stored in a message record, so no operator can read it.
 */
@Service
@Transactional
public class OtpService {

    private static final char[] DIGITS = "0123456789".toCharArray();
    /** Letters and digits without the look-alikes 0/O and 1/I/L. */
    private static final char[] ALPHANUMERIC = "23456789ABCDEFGHJKMNPQRSTUVWXYZ".toCharArray();

    private final OtpRepository repository;
    private final MessageTemplateRepository templates;
    private final TemplateRenderer renderer;
    private final Channels channels;
    private final AuthService applications;
    private final PasswordHasher hasher;
    private final EngagementProperties.Otp settings;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    OtpService(OtpRepository repository, MessageTemplateRepository templates, TemplateRenderer renderer,
               Channels channels, AuthService applications, PasswordHasher hasher, EngagementProperties properties,
               Clock clock) {
        this.repository = repository;
        this.templates = templates;
        this.renderer = renderer;
        this.channels = channels;
        this.applications = applications;
        this.hasher = hasher;
        this.settings = properties.otp();
        this.clock = clock;
    }

    /** Sends a new code; returns the request id to verify it with. */
    OtpBodies.Sent send(OtpBodies.Send request, Language language) {
        List<InvalidParam> errors = new ArrayList<>();
        String channelId = String.valueOf(request.communicationChannelId());
        if (!applications.isActiveApplication(request.externalApplicationId())) {
            errors.add(InvalidParam.of("external_application_id", Reason.NOT_FOUND, request.externalApplicationId(),
                    "No active external application with this id"));
        }
        if (channels.isInternal(channelId)) {
            errors.add(InvalidParam.of("communication_channel_id", Reason.NOT_ALLOWED_VALUE, channelId,
                    "Internal notifications are stored readable; codes go out by e-mail, SMS or push only"));
        } else {
            channels.unavailable(channelId).ifPresent(problem -> errors.add(
                    InvalidParam.of("communication_channel_id", Reason.NOT_ALLOWED_VALUE, channelId, problem)));
        }
        String recipient = recipient(channelId, request.recipient(), errors);
        Optional<MessageTemplateRepository.Template> template = errors.stream()
                .anyMatch(e -> e.name().equals("communication_channel_id")) ? Optional.empty()
                : template(request.messageTemplateId(), channelId, errors);
        if (!errors.isEmpty()) {
            throw ApiError.badRequest(errors);
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (repository.sentSince(recipient, now.minus(settings.sendWindow())) >= settings.maxSends()) {
            throw ApiError.tooManyRequests(settings.sendWindow().toSeconds());
        }
        String code = code(request.otpType() == null || request.otpType() == 1 ? ALPHANUMERIC : DIGITS);
        String requestId = Ids.newId();
        repository.insert(requestId, request.externalApplicationId(), channelId, recipient, hasher.hash(code), now,
                now.plus(settings.validity()));
        Map<String, MessageTemplateRepository.Content> versions = templates.contents(template.get().id());
        MessageTemplateRepository.Content content = Optional.ofNullable(versions.get(language.id()))
                .or(() -> Optional.ofNullable(versions.get(language.fallback())))
                .orElseGet(() -> versions.values().iterator().next());
        TemplateRenderer.Rendered rendered = renderer.render(content, Map.of("code", code,
                "valid_minutes", String.valueOf(settings.validity().toMinutes()), "recipient", recipient));
        try {
            channels.deliver(new Outgoing(requestId, channelId, recipient, template.get().sender(), rendered.title(),
                    rendered.htmlBody(), rendered.plainTextBody(), List.of(), false));
        } catch (ChannelAdapter.DeliveryException e) {
            // rolls back: a code that never went out cannot be verified and does not count against the recipient
            throw ApiError.unavailable("The one-time password could not be delivered: " + e.getMessage());
        }
        return new OtpBodies.Sent(requestId);
    }

    /** Whether the code is the one sent for this request and application, in time, and not used before. */
    OtpBodies.Verified verify(OtpBodies.Verify request) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (!repository.takeAttempt(request.requestId(), settings.maxAttempts())) {
            hasher.matches(request.verificationCode(), null); // the same cost as a real comparison
            return new OtpBodies.Verified(false);
        }
        OtpRepository.Stored stored = repository.find(request.requestId()).orElseThrow();
        boolean valid = stored.applicationId().equals(request.externalApplicationId())
                && stored.usedAt() == null
                && now.isBefore(stored.expiresAt())
                && hasher.matches(request.verificationCode().trim().toUpperCase(Locale.ROOT), stored.codeHash())
                && repository.use(stored.requestId(), now);
        return new OtpBodies.Verified(valid);
    }

    /** Removes codes a day after they expired (the send limit looks back at most its window). */
    int deleteExpired() {
        Duration keep = settings.sendWindow().compareTo(Duration.ofDays(1)) > 0 ? settings.sendWindow()
                : Duration.ofDays(1);
        return repository.deleteExpiredBefore(OffsetDateTime.now(clock).minus(keep));
    }

    private String code(char[] alphabet) {
        char[] code = new char[settings.length()];
        for (int i = 0; i < code.length; i++) {
            code[i] = alphabet[random.nextInt(alphabet.length)];
        }
        return new String(code);
    }

    private String recipient(String channelId, String given, List<InvalidParam> errors) {
        String value = given.trim();
        if (channels.isEmail(channelId)) {
            value = value.toLowerCase(Locale.ROOT);
            if (!value.matches("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$")) {
                errors.add(InvalidParam.of("recipient", Reason.INVALID_VALUE_FORMAT, given,
                        "Expected an e-mail address for this channel"));
            }
            return value;
        }
        if ("2".equals(channelId) || "9".equals(channelId)) {
            value = PhoneNumbers.normalize(value);
            if (!value.matches("^[1-9][0-9]{5,14}$")) {
                errors.add(InvalidParam.of("recipient", Reason.INVALID_VALUE_FORMAT, given,
                        "Expected a phone number for this channel"));
            }
        }
        return value;
    }

    private Optional<MessageTemplateRepository.Template> template(String templateId, String channelId,
                                                                  List<InvalidParam> errors) {
        if (templateId != null && !templateId.isBlank()) {
            Optional<MessageTemplateRepository.Template> named = templates.find(templateId).filter(t -> t.state() == 1);
            if (named.isEmpty()) {
                errors.add(InvalidParam.of("message_template_id", Reason.NOT_FOUND, templateId,
                        "No message template with this id"));
            } else if (!named.get().channelId().equals(channelId)) {
                errors.add(InvalidParam.of("message_template_id", Reason.NOT_ALLOWED_VALUE, templateId,
                        "The template is for communication channel " + named.get().channelId()));
            }
            return named;
        }
        Optional<MessageTemplateRepository.Template> standard =
                templates.firstWithPrefix(settings.defaultTemplate(), channelId);
        if (standard.isEmpty()) {
            errors.add(InvalidParam.of("message_template_id", Reason.REQUIRED, null,
                    "The project has no one-time password template for this channel; name one"));
        }
        return standard;
    }
}
