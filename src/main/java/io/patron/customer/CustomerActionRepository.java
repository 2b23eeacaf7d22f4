package io.patron.customer;

import static io.patron.db.Tables.CUSTOMER;
import static io.patron.db.Tables.CUSTOMER_CONSENT;
import static io.patron.db.Tables.CUSTOMER_PHOTO;
import static io.patron.db.Tables.CUSTOMER_PUSH_REGISTRATION;
import static io.patron.db.Tables.CUSTOMER_SOURCE_RECORD;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/** SQL of the customer actions. */
@Repository
class CustomerActionRepository {

    private final DSLContext dsl;

    CustomerActionRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** The oldest customer with this phone number (phones are not unique). */
    Optional<String> idByPhone(String phone) {
        return dsl.select(CUSTOMER.ID).from(CUSTOMER).where(CUSTOMER.PHONE.eq(phone))
                .orderBy(CUSTOMER.CREATED_AT, CUSTOMER.ID).limit(1)
                .fetchOptional(CUSTOMER.ID);
    }

    boolean hasSource(String customerId, String sourceId) {
        return dsl.fetchExists(CUSTOMER_SOURCE_RECORD,
                CUSTOMER_SOURCE_RECORD.CUSTOMER_ID.eq(customerId)
                .and(CUSTOMER_SOURCE_RECORD.CUSTOMER_SOURCE_ID.eq(sourceId)));
    }

    /** The customer's consent values by consent id. */
    Map<String, Integer> consents(String customerId) {
        return dsl.select(CUSTOMER_CONSENT.CONSENT_ID, CUSTOMER_CONSENT.CONSENT_VALUE).from(CUSTOMER_CONSENT)
                .where(CUSTOMER_CONSENT.CUSTOMER_ID.eq(customerId))
                .fetch().stream()
                .collect(Collectors.toMap(r -> r.get(CUSTOMER_CONSENT.CONSENT_ID),
                        r -> r.get(CUSTOMER_CONSENT.CONSENT_VALUE)));
    }

    /** One consent of the customer: its value, when it was given and when it last changed. */
    Optional<CustomerActionService.Consent> consent(String customerId, String consentId) {
        return dsl.select(CUSTOMER_CONSENT.CONSENT_VALUE, CUSTOMER_CONSENT.GIVEN_AT, CUSTOMER_CONSENT.LAST_CHANGE)
                .from(CUSTOMER_CONSENT)
                .where(CUSTOMER_CONSENT.CUSTOMER_ID.eq(customerId)).and(CUSTOMER_CONSENT.CONSENT_ID.eq(consentId))
                .fetchOptional(r -> new CustomerActionService.Consent(r.value1(), r.value2(), r.value3()));
    }

    /** Sets a consent; the change time moves, and the given time moves when the consent is given (value 1). */
    void setConsent(String customerId, String consentId, int value, boolean exists, OffsetDateTime now) {
        OffsetDateTime given = value == 1 ? now : null;
        if (exists) {
            var update = dsl.update(CUSTOMER_CONSENT).set(CUSTOMER_CONSENT.CONSENT_VALUE, value)
                    .set(CUSTOMER_CONSENT.LAST_CHANGE, now);
            if (given != null) {
                update = update.set(CUSTOMER_CONSENT.GIVEN_AT, given);
            }
            update.where(CUSTOMER_CONSENT.CUSTOMER_ID.eq(customerId)).and(CUSTOMER_CONSENT.CONSENT_ID.eq(consentId))
                    .execute();
        } else {
            dsl.insertInto(CUSTOMER_CONSENT).set(CUSTOMER_CONSENT.CUSTOMER_ID, customerId)
                    .set(CUSTOMER_CONSENT.CONSENT_ID, consentId).set(CUSTOMER_CONSENT.CONSENT_VALUE, value)
                    .set(CUSTOMER_CONSENT.GIVEN_AT, given).set(CUSTOMER_CONSENT.LAST_CHANGE, now).execute();
        }
    }

    /** Registers a push token for a device; a token already registered for the device is replaced. */
    void setPush(String customerId, String applicationId, CustomerActionBodies.Device device, String pushToken,
                 OffsetDateTime now) {
        var where = CUSTOMER_PUSH_REGISTRATION.CUSTOMER_ID.eq(customerId)
                .and(CUSTOMER_PUSH_REGISTRATION.EXTERNAL_APPLICATION_ID.eq(applicationId))
                .and(CUSTOMER_PUSH_REGISTRATION.DEVICE_ID.eq(device.deviceId()));
        int updated = dsl.update(CUSTOMER_PUSH_REGISTRATION)
                .set(CUSTOMER_PUSH_REGISTRATION.DEVICE_SYSTEM, device.deviceSystem())
                .set(CUSTOMER_PUSH_REGISTRATION.DEVICE_NAME, device.deviceName())
                .set(CUSTOMER_PUSH_REGISTRATION.DEVICE_TYPE, device.deviceType())
                .set(CUSTOMER_PUSH_REGISTRATION.PUSH_TOKEN, pushToken).set(CUSTOMER_PUSH_REGISTRATION.LAST_CHANGE, now)
                .where(where).execute();
        if (updated == 0) {
            dsl.insertInto(CUSTOMER_PUSH_REGISTRATION).set(CUSTOMER_PUSH_REGISTRATION.CUSTOMER_ID, customerId)
                    .set(CUSTOMER_PUSH_REGISTRATION.EXTERNAL_APPLICATION_ID, applicationId)
                    .set(CUSTOMER_PUSH_REGISTRATION.DEVICE_ID, device.deviceId())
                    .set(CUSTOMER_PUSH_REGISTRATION.DEVICE_SYSTEM, device.deviceSystem())
                    .set(CUSTOMER_PUSH_REGISTRATION.DEVICE_NAME, device.deviceName())
                    .set(CUSTOMER_PUSH_REGISTRATION.DEVICE_TYPE, device.deviceType())
                    .set(CUSTOMER_PUSH_REGISTRATION.PUSH_TOKEN, pushToken)
                    .set(CUSTOMER_PUSH_REGISTRATION.LAST_CHANGE, now).execute();
        }
    }

    /** Removes the registrations of a customer in an application: those of one token, or all when it is null. */
    int cancelPush(String customerId, String applicationId, String pushToken) {
        var where = CUSTOMER_PUSH_REGISTRATION.CUSTOMER_ID.eq(customerId)
                .and(CUSTOMER_PUSH_REGISTRATION.EXTERNAL_APPLICATION_ID.eq(applicationId));
        if (pushToken != null) {
            where = where.and(CUSTOMER_PUSH_REGISTRATION.PUSH_TOKEN.eq(pushToken));
        }
        return dsl.deleteFrom(CUSTOMER_PUSH_REGISTRATION).where(where).execute();
    }

    /** The push tokens registered for a customer in an application, by device id. */
    Map<String, String> pushTokens(String customerId, String applicationId) {
        return dsl.select(CUSTOMER_PUSH_REGISTRATION.DEVICE_ID, CUSTOMER_PUSH_REGISTRATION.PUSH_TOKEN)
                .from(CUSTOMER_PUSH_REGISTRATION).where(CUSTOMER_PUSH_REGISTRATION.CUSTOMER_ID.eq(customerId))
                .and(CUSTOMER_PUSH_REGISTRATION.EXTERNAL_APPLICATION_ID.eq(applicationId)).fetch().stream()
                .collect(Collectors.toMap(r -> r.get(CUSTOMER_PUSH_REGISTRATION.DEVICE_ID),
                        r -> r.get(CUSTOMER_PUSH_REGISTRATION.PUSH_TOKEN)));
    }

    /** Stores the customer's photo, replacing the former one (and its secret). */
    void savePhoto(String customerId, String secret, String extension, byte[] content, OffsetDateTime now) {
        int updated = dsl.update(CUSTOMER_PHOTO).set(CUSTOMER_PHOTO.SECRET, secret)
                .set(CUSTOMER_PHOTO.EXTENSION, extension).set(CUSTOMER_PHOTO.CONTENT, content)
                .set(CUSTOMER_PHOTO.LAST_CHANGE, now).where(CUSTOMER_PHOTO.CUSTOMER_ID.eq(customerId)).execute();
        if (updated == 0) {
            dsl.insertInto(CUSTOMER_PHOTO).set(CUSTOMER_PHOTO.CUSTOMER_ID, customerId)
                    .set(CUSTOMER_PHOTO.SECRET, secret).set(CUSTOMER_PHOTO.EXTENSION, extension)
                    .set(CUSTOMER_PHOTO.CONTENT, content).set(CUSTOMER_PHOTO.LAST_CHANGE, now).execute();
        }
    }

    /** The photo whose file is named by this secret and extension. */
    Optional<byte[]> photo(String secret, String extension) {
        return dsl.select(CUSTOMER_PHOTO.CONTENT).from(CUSTOMER_PHOTO).where(CUSTOMER_PHOTO.SECRET.eq(secret))
                .and(CUSTOMER_PHOTO.EXTENSION.eq(extension))
                .fetchOptional(CUSTOMER_PHOTO.CONTENT);
    }
}
