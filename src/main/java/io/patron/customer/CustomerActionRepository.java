package io.patron.customer;

import static io.patron.customer.CustomerActionTables.CONSENT;
import static io.patron.customer.CustomerActionTables.CO_CHANGED;
import static io.patron.customer.CustomerActionTables.CO_CUSTOMER;
import static io.patron.customer.CustomerActionTables.CO_GIVEN;
import static io.patron.customer.CustomerActionTables.CO_ID;
import static io.patron.customer.CustomerActionTables.CO_VALUE;
import static io.patron.customer.CustomerActionTables.PHOTO;
import static io.patron.customer.CustomerActionTables.PH_CHANGED;
import static io.patron.customer.CustomerActionTables.PH_CONTENT;
import static io.patron.customer.CustomerActionTables.PH_CUSTOMER;
import static io.patron.customer.CustomerActionTables.PH_EXTENSION;
import static io.patron.customer.CustomerActionTables.PH_SECRET;
import static io.patron.customer.CustomerActionTables.PUSH;
import static io.patron.customer.CustomerActionTables.P_APPLICATION;
import static io.patron.customer.CustomerActionTables.P_CHANGED;
import static io.patron.customer.CustomerActionTables.P_CUSTOMER;
import static io.patron.customer.CustomerActionTables.P_DEVICE;
import static io.patron.customer.CustomerActionTables.P_NAME;
import static io.patron.customer.CustomerActionTables.P_SYSTEM;
import static io.patron.customer.CustomerActionTables.P_TOKEN;
import static io.patron.customer.CustomerActionTables.P_TYPE;
import static io.patron.customer.CustomerTables.CUSTOMER;
import static io.patron.customer.CustomerTables.C_CREATED;
import static io.patron.customer.CustomerTables.C_ID;
import static io.patron.customer.CustomerTables.C_PHONE;
import static io.patron.customer.CustomerTables.SOURCE_RECORD;
import static io.patron.customer.CustomerTables.SR_CUSTOMER;
import static io.patron.customer.CustomerTables.SR_SOURCE;

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
        return dsl.select(C_ID).from(CUSTOMER).where(C_PHONE.eq(phone)).orderBy(C_CREATED, C_ID).limit(1)
                .fetchOptional(C_ID);
    }

    boolean hasSource(String customerId, String sourceId) {
        return dsl.fetchExists(SOURCE_RECORD, SR_CUSTOMER.eq(customerId).and(SR_SOURCE.eq(sourceId)));
    }

    /** The customer's consent values by consent id. */
    Map<String, Integer> consents(String customerId) {
        return dsl.select(CO_ID, CO_VALUE).from(CONSENT).where(CO_CUSTOMER.eq(customerId))
                .fetch().stream().collect(Collectors.toMap(r -> r.get(CO_ID), r -> r.get(CO_VALUE)));
    }

    /** One consent of the customer: its value, when it was given and when it last changed. */
    Optional<CustomerActionService.Consent> consent(String customerId, String consentId) {
        return dsl.select(CO_VALUE, CO_GIVEN, CO_CHANGED).from(CONSENT)
                .where(CO_CUSTOMER.eq(customerId)).and(CO_ID.eq(consentId))
                .fetchOptional(r -> new CustomerActionService.Consent(r.value1(), r.value2(), r.value3()));
    }

    /** Sets a consent; the change time moves, and the given time moves when the consent is given (value 1). */
    void setConsent(String customerId, String consentId, int value, boolean exists, OffsetDateTime now) {
        OffsetDateTime given = value == 1 ? now : null;
        if (exists) {
            var update = dsl.update(CONSENT).set(CO_VALUE, value).set(CO_CHANGED, now);
            if (given != null) {
                update = update.set(CO_GIVEN, given);
            }
            update.where(CO_CUSTOMER.eq(customerId)).and(CO_ID.eq(consentId)).execute();
        } else {
            dsl.insertInto(CONSENT).set(CO_CUSTOMER, customerId).set(CO_ID, consentId).set(CO_VALUE, value)
                    .set(CO_GIVEN, given).set(CO_CHANGED, now).execute();
        }
    }

    /** Registers a push token for a device; a token already registered for the device is replaced. */
    void setPush(String customerId, String applicationId, CustomerActionBodies.Device device, String pushToken,
                 OffsetDateTime now) {
        var where = P_CUSTOMER.eq(customerId).and(P_APPLICATION.eq(applicationId)).and(P_DEVICE.eq(device.deviceId()));
        int updated = dsl.update(PUSH).set(P_SYSTEM, device.deviceSystem()).set(P_NAME, device.deviceName())
                .set(P_TYPE, device.deviceType()).set(P_TOKEN, pushToken).set(P_CHANGED, now).where(where).execute();
        if (updated == 0) {
            dsl.insertInto(PUSH).set(P_CUSTOMER, customerId).set(P_APPLICATION, applicationId)
                    .set(P_DEVICE, device.deviceId()).set(P_SYSTEM, device.deviceSystem())
                    .set(P_NAME, device.deviceName()).set(P_TYPE, device.deviceType()).set(P_TOKEN, pushToken)
                    .set(P_CHANGED, now).execute();
        }
    }

    /** Removes the registrations of a customer in an application: those of one token, or all when it is null. */
    int cancelPush(String customerId, String applicationId, String pushToken) {
        var where = P_CUSTOMER.eq(customerId).and(P_APPLICATION.eq(applicationId));
        if (pushToken != null) {
            where = where.and(P_TOKEN.eq(pushToken));
        }
        return dsl.deleteFrom(PUSH).where(where).execute();
    }

    /** The push tokens registered for a customer in an application, by device id. */
    Map<String, String> pushTokens(String customerId, String applicationId) {
        return dsl.select(P_DEVICE, P_TOKEN).from(PUSH).where(P_CUSTOMER.eq(customerId))
                .and(P_APPLICATION.eq(applicationId)).fetch().stream()
                .collect(Collectors.toMap(r -> r.get(P_DEVICE), r -> r.get(P_TOKEN)));
    }

    /** Stores the customer's photo, replacing the former one (and its secret). */
    void savePhoto(String customerId, String secret, String extension, byte[] content, OffsetDateTime now) {
        int updated = dsl.update(PHOTO).set(PH_SECRET, secret).set(PH_EXTENSION, extension).set(PH_CONTENT, content)
                .set(PH_CHANGED, now).where(PH_CUSTOMER.eq(customerId)).execute();
        if (updated == 0) {
            dsl.insertInto(PHOTO).set(PH_CUSTOMER, customerId).set(PH_SECRET, secret).set(PH_EXTENSION, extension)
                    .set(PH_CONTENT, content).set(PH_CHANGED, now).execute();
        }
    }

    /** The photo whose file is named by this secret and extension. */
    Optional<byte[]> photo(String secret, String extension) {
        return dsl.select(PH_CONTENT).from(PHOTO).where(PH_SECRET.eq(secret)).and(PH_EXTENSION.eq(extension))
                .fetchOptional(PH_CONTENT);
    }
}
