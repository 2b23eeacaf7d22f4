package io.patron.engagement;

import static io.patron.db.Tables.MESSAGE;
import static io.patron.db.Tables.MESSAGE_ATTACHMENT;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/** SQL of messages and their attachments. */
@Repository
class MessageRepository {

    /** A stored attachment. */
    record StoredAttachment(String uploadMethod, String sourceUrl, String fileName, String contentType,
                            byte[] content) {
    }

    /** What delivery needs of a message. */
    record Queued(String id, String customerId, String channelId, String contact, int status, String title,
                  String htmlBody, String plainTextBody, int attempts, String sender) {
    }

    private static final Condition BOUNCED = MESSAGE.STATUS.in(MessageStatus.RETURNED, MessageStatus.SOFT_BOUNCE);

    private final DSLContext dsl;

    MessageRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    void insert(String id, String customerId, String templateId, String channelId, String contact, String languageId,
                int status, TemplateRenderer.Rendered rendered, String messageDataJson, OffsetDateTime now) {
        dsl.insertInto(MESSAGE)
                .set(MESSAGE.ID, id).set(MESSAGE.CUSTOMER_ID, customerId)
                .set(MESSAGE.MESSAGE_TEMPLATE_ID, templateId).set(MESSAGE.COMMUNICATION_CHANNEL_ID, channelId)
                .set(MESSAGE.CONTACT, contact).set(MESSAGE.LANGUAGE_ID, languageId).set(MESSAGE.STATUS, status)
                .set(MESSAGE.TITLE, rendered.title()).set(MESSAGE.HTML_BODY, rendered.htmlBody())
                .set(MESSAGE.PLAIN_TEXT_BODY, rendered.plainTextBody()).set(MESSAGE.MESSAGE_DATA, messageDataJson)
                .set(MESSAGE.DELIVERY_ATTEMPTS, 0).set(MESSAGE.CREATED_AT, now).set(MESSAGE.LAST_CHANGE, now)
                .execute();
    }

    void insertAttachment(String messageId, int position, StoredAttachment attachment) {
        dsl.insertInto(MESSAGE_ATTACHMENT)
                .set(MESSAGE_ATTACHMENT.ID, io.patron.common.Ids.newId())
                .set(MESSAGE_ATTACHMENT.MESSAGE_ID, messageId).set(MESSAGE_ATTACHMENT.POSITION, position)
                .set(MESSAGE_ATTACHMENT.UPLOAD_METHOD, attachment.uploadMethod())
                .set(MESSAGE_ATTACHMENT.SOURCE_URL, attachment.sourceUrl())
                .set(MESSAGE_ATTACHMENT.FILE_NAME, attachment.fileName())
                .set(MESSAGE_ATTACHMENT.CONTENT_TYPE, attachment.contentType())
                .set(MESSAGE_ATTACHMENT.CONTENT, attachment.content())
                .execute();
    }

    List<StoredAttachment> attachments(String messageId) {
        return dsl.selectFrom(MESSAGE_ATTACHMENT).where(MESSAGE_ATTACHMENT.MESSAGE_ID.eq(messageId))
                .orderBy(MESSAGE_ATTACHMENT.POSITION)
                .fetch(r -> new StoredAttachment(r.getUploadMethod(), r.getSourceUrl(), r.getFileName(),
                        r.getContentType(), r.getContent()));
    }

    record Bodies(String plainTextBody, String htmlBody, OffsetDateTime lastChange) {
    }

    Bodies bodies(String id) {
        return dsl.select(MESSAGE.PLAIN_TEXT_BODY, MESSAGE.HTML_BODY, MESSAGE.LAST_CHANGE).from(MESSAGE)
                .where(MESSAGE.ID.eq(id))
                .fetchOne(r -> new Bodies(r.value1(), r.value2(), r.value3()));
    }

    Optional<Queued> queued(String id) {
        return dsl.select(MESSAGE.ID, MESSAGE.CUSTOMER_ID, MESSAGE.COMMUNICATION_CHANNEL_ID, MESSAGE.CONTACT,
                        MESSAGE.STATUS, MESSAGE.TITLE, MESSAGE.HTML_BODY, MESSAGE.PLAIN_TEXT_BODY,
                        MESSAGE.DELIVERY_ATTEMPTS, io.patron.db.Tables.MESSAGE_TEMPLATE.SENDER)
                .from(MESSAGE).join(io.patron.db.Tables.MESSAGE_TEMPLATE)
                .on(io.patron.db.Tables.MESSAGE_TEMPLATE.ID.eq(MESSAGE.MESSAGE_TEMPLATE_ID))
                .where(MESSAGE.ID.eq(id))
                .fetchOptional(r -> new Queued(r.get(MESSAGE.ID), r.get(MESSAGE.CUSTOMER_ID),
                        r.get(MESSAGE.COMMUNICATION_CHANNEL_ID), r.get(MESSAGE.CONTACT), r.get(MESSAGE.STATUS),
                        r.get(MESSAGE.TITLE), r.get(MESSAGE.HTML_BODY), r.get(MESSAGE.PLAIN_TEXT_BODY),
                        r.get(MESSAGE.DELIVERY_ATTEMPTS), r.get(io.patron.db.Tables.MESSAGE_TEMPLATE.SENDER)));
    }

    /**
     * Records a delivery. A bounce the provider reported meanwhile (its callback can beat this commit) keeps its
     * status and reason: the provider's report is the later news.
     */
    void markSent(String id, int attempts, OffsetDateTime now) {
        dsl.update(MESSAGE)
                .set(MESSAGE.STATUS, DSL.when(BOUNCED, MESSAGE.STATUS).otherwise(DSL.inline(MessageStatus.SENT)))
                .set(MESSAGE.DELIVERY_ATTEMPTS, attempts).set(MESSAGE.SEND_TIME, now)
                .set(MESSAGE.LAST_ERROR, DSL.when(BOUNCED, MESSAGE.LAST_ERROR)
                        .otherwise(DSL.castNull(MESSAGE.LAST_ERROR)))
                .set(MESSAGE.LAST_CHANGE, now)
                .where(MESSAGE.ID.eq(id)).execute();
    }

    /** Records a failed attempt; as {@link #markSent}, a reported bounce keeps its status and reason. */
    void markFailed(String id, int status, int attempts, String error, OffsetDateTime now) {
        dsl.update(MESSAGE)
                .set(MESSAGE.STATUS, DSL.when(BOUNCED, MESSAGE.STATUS).otherwise(DSL.inline(status)))
                .set(MESSAGE.DELIVERY_ATTEMPTS, attempts)
                .set(MESSAGE.LAST_ERROR, DSL.when(BOUNCED, MESSAGE.LAST_ERROR)
                        .otherwise(DSL.val(shortened(error), MESSAGE.LAST_ERROR)))
                .set(MESSAGE.LAST_CHANGE, now)
                .where(MESSAGE.ID.eq(id)).execute();
    }

    /** What a provider callback needs of a message, read under its row lock. */
    record CallbackTarget(String id, String channelId, int status) {
    }

    Optional<CallbackTarget> lockForCallback(String id) {
        return dsl.select(MESSAGE.ID, MESSAGE.COMMUNICATION_CHANNEL_ID, MESSAGE.STATUS).from(MESSAGE)
                .where(MESSAGE.ID.eq(id)).forUpdate()
                .fetchOptional(r -> new CallbackTarget(r.value1(), r.value2(), r.value3()));
    }

    /** A bounce a provider reported: the status and its reason; the send time and attempts stay. */
    void markBounced(String id, int status, String reason, OffsetDateTime now) {
        dsl.update(MESSAGE).set(MESSAGE.STATUS, status).set(MESSAGE.LAST_ERROR, shortened(reason))
                .set(MESSAGE.LAST_CHANGE, now)
                .where(MESSAGE.ID.eq(id)).execute();
    }

    private static String shortened(String error) {
        return error.length() > 2000 ? error.substring(0, 2000) : error;
    }

    /** Deletes messages created before {@code before}, at most {@code limit} of them; returns how many. */
    int deleteOlderThan(OffsetDateTime before, int limit) {
        List<String> ids = dsl.select(MESSAGE.ID).from(MESSAGE).where(MESSAGE.CREATED_AT.lt(before))
                .orderBy(MESSAGE.CREATED_AT).limit(limit).fetch(MESSAGE.ID);
        if (ids.isEmpty()) {
            return 0;
        }
        dsl.deleteFrom(MESSAGE_ATTACHMENT).where(MESSAGE_ATTACHMENT.MESSAGE_ID.in(ids)).execute();
        return dsl.deleteFrom(MESSAGE).where(MESSAGE.ID.in(ids)).execute();
    }
}
