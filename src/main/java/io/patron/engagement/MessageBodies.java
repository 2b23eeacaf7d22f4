package io.patron.engagement;

import java.time.LocalDateTime;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.patron.api.OneOf;

/** Request and response bodies of messages and message templates. */
public final class MessageBodies {

    private MessageBodies() {
    }

    public record Parameter(@NotNull String parameterName, @NotNull String value) {
    }

    public record Attachment(@NotBlank @OneOf({"url", "base64"}) String uploadMethod, @NotBlank String fileData,
                             Integer cacheFor) {
    }

    /** A message as read; as a request only the writable fields count (the others are read-only and ignored). */
    public record Message(String messageId, Integer status, @NotBlank String messageTemplateId,
                          @NotBlank String customerId, String contact, String title, String sendTime,
                          String openedTime, String mailClientUserAgent, String mailClientLanguage,
                          @NotNull @OneOf({"1", "2", "4", "5"}) Integer communicationChannelId,
                          @Size(max = 1000) List<@Valid @NotNull Parameter> messageData,
                          @Size(max = 1000) List<@Valid @NotNull Attachment> attachments,
                          String lastChange) {
    }

    public record SendMessage(@NotNull @Valid Message message) {
    }

    public record AttachmentFormat(String attachmentFormat) {
    }

    public record MessageDetail(String plainTextBody, String htmlBody, List<AttachmentFormat> attachments,
                                LocalDateTime lastChange) {
    }

    public record MessageTemplate(String messageTemplateId, Boolean consentFreeTemplate, String subject,
                                  String sender, String name, String previewUrl, String iconUrl,
                                  Integer messageTemplateGroupId, Integer communicationChannelId,
                                  List<Parameter> templateData, LocalDateTime lastChange) {
    }
}
