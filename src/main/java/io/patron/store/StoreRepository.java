package io.patron.store;

import static io.patron.db.Tables.PARTNER;
import static io.patron.db.Tables.STORE;
import static io.patron.db.Tables.STORE_GROUP;
import static io.patron.db.Tables.STORE_GROUP_RECORD;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.springframework.stereotype.Repository;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.patron.api.ApiTime;
import io.patron.common.Ids;

/** The SQL of stores, partners, store groups and memberships. */
@Repository
class StoreRepository {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** GPS coordinates are kept to 7 decimal places (about 1 cm). */
    private static final int GPS_SCALE = 7;

    /** The address columns of partners and stores, in the order of the API's address fields. */
    static final List<Field<String>> PARTNER_ADDRESS = List.of(PARTNER.ADDRESS1, PARTNER.ADDRESS2, PARTNER.ADDRESS3,
            PARTNER.ADDRESS4, PARTNER.ADDRESS5, PARTNER.ADDRESS6, PARTNER.ADDRESS7, PARTNER.ZIP, PARTNER.CITY,
            PARTNER.COUNTRY_CODE);
    static final List<Field<String>> STORE_ADDRESS = List.of(STORE.ADDRESS1, STORE.ADDRESS2, STORE.ADDRESS3,
            STORE.ADDRESS4, STORE.ADDRESS5, STORE.ADDRESS6, STORE.ADDRESS7, STORE.ZIP, STORE.CITY, STORE.COUNTRY_CODE);

    private final DSLContext dsl;

    StoreRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    // --- stores ------------------------------------------------------------------------------

    boolean storeExists(String id) {
        return dsl.fetchExists(STORE, STORE.ID.eq(id));
    }

    Optional<String> storeIdByCode(String storeCode) {
        return dsl.select(STORE.ID).from(STORE).where(STORE.STORE_CODE.eq(storeCode)).fetchOptional(STORE.ID);
    }

    /** Whether another store than {@code exceptId} (null: any store) holds {@code value} in {@code column}. */
    boolean taken(Field<String> column, String value, String exceptId) {
        return dsl.fetchExists(STORE, column.eq(value)
                .and(exceptId == null ? STORE.ID.isNotNull() : STORE.ID.ne(exceptId)));
    }

    void insertStore(String id, StoreRequests.StoreInput store, OffsetDateTime now) {
        dsl.insertInto(STORE).set(STORE.ID, id).set(values(store)).set(STORE.LAST_CHANGE, now).execute();
    }

    /** Replaces every field a client may write; the project-file fields stay as they are. */
    void updateStore(String id, StoreRequests.StoreInput store, OffsetDateTime now) {
        dsl.update(STORE).set(values(store)).set(STORE.LAST_CHANGE, now).where(STORE.ID.eq(id)).execute();
    }

    /** The fields only the project file writes (the API shows them read-only). */
    void setFileFields(String id, int visibility, int state, List<String> imageUrls, OffsetDateTime now) {
        String images = imageUrls == null || imageUrls.isEmpty() ? null : JSON.writeValueAsString(imageUrls);
        dsl.update(STORE).set(STORE.VISIBILITY_FOR_CUSTOMER, visibility).set(STORE.STATE, state)
                .set(STORE.IMAGE_URLS, images)
                .set(STORE.LAST_CHANGE, now)
                .where(STORE.ID.eq(id))
                .and(STORE.VISIBILITY_FOR_CUSTOMER.ne(visibility).or(STORE.STATE.ne(state))
                        .or(images == null ? STORE.IMAGE_URLS.isNotNull()
                                : STORE.IMAGE_URLS.isNull().or(STORE.IMAGE_URLS.ne(images))))
                .execute();
    }

    private static Map<Field<?>, Object> values(StoreRequests.StoreInput store) {
        Map<Field<?>, Object> values = new LinkedHashMap<>();
        values.put(STORE.STORE_CODE, store.storeCode());
        values.put(STORE.SYSTEM_ID, store.systemId());
        values.put(STORE.PARTNER_ID, store.partnerId());
        values.put(STORE.CONTACT_EMAIL, store.contactEmail());
        values.put(STORE.MANAGER_NAME, store.managerName());
        values.put(STORE.PHONE_NUMBER, store.phoneNumber());
        values.put(STORE.URL_ADDRESS, store.urlAddress());
        values.put(STORE.REGISTRATION_ID, store.registrationId());
        putAddress(values, STORE_ADDRESS, store.storeAddress());
        GpsCoordinates gps = store.gpsCoordinates();
        values.put(STORE.GPS_LONGITUDE,
                gps == null ? null : gps.gpsLongitude().setScale(GPS_SCALE, RoundingMode.HALF_UP));
        values.put(STORE.GPS_LATITUDE,
                gps == null ? null : gps.gpsLatitude().setScale(GPS_SCALE, RoundingMode.HALF_UP));
        values.put(STORE.OPENING, openingJson(store.opening()));
        return values;
    }

    static void putAddress(Map<Field<?>, Object> values, List<Field<String>> fields, Address address) {
        List<String> parts = address == null ? null : address.parts();
        for (int i = 0; i < fields.size(); i++) {
            values.put(fields.get(i), parts == null ? null : parts.get(i));
        }
    }

    // --- the JSON columns --------------------------------------------------------------------

    private static String openingJson(List<OpeningDay> opening) {
        if (opening == null) {
            return null;
        }
        List<Map<String, Object>> days = new ArrayList<>();
        for (OpeningDay day : opening) {
            List<Map<String, String>> intervals = day.timeIntervals().stream()
                    .map(i -> Map.of("from", ApiTime.TIME.format(i.from()), "to", ApiTime.TIME.format(i.to())))
                    .toList();
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("day_id", day.dayId());
            json.put("time_intervals", intervals);
            days.add(json);
        }
        return JSON.writeValueAsString(days);
    }

    static List<OpeningDay> opening(String json) {
        if (json == null) {
            return null;
        }
        List<OpeningDay> days = new ArrayList<>();
        for (JsonNode day : JSON.readTree(json)) {
            List<OpeningDay.TimeInterval> intervals = new ArrayList<>();
            for (JsonNode interval : day.path("time_intervals")) {
                intervals.add(new OpeningDay.TimeInterval(LocalTime.parse(interval.path("from").asString()),
                        LocalTime.parse(interval.path("to").asString())));
            }
            days.add(new OpeningDay(day.path("day_id").asString(), intervals));
        }
        return days;
    }

    static List<String> imageUrls(String json) {
        if (json == null) {
            return null;
        }
        List<String> urls = new ArrayList<>();
        JSON.readTree(json).forEach(url -> urls.add(url.asString()));
        return urls;
    }

    static BigDecimal plain(BigDecimal number) {
        return number == null ? null : number.stripTrailingZeros();
    }

    // --- partners ----------------------------------------------------------------------------

    /** The state of a partner (0 deleted, 1 active, 2 inactive), empty when there is no such partner. */
    Optional<Integer> partnerState(String partnerId) {
        return dsl.select(PARTNER.STATE).from(PARTNER).where(PARTNER.ID.eq(partnerId)).fetchOptional(PARTNER.STATE);
    }

    boolean partnerExists(String id) {
        return dsl.fetchExists(PARTNER, PARTNER.ID.eq(id));
    }

    Optional<String> partnerIdByTextId(String textId) {
        return dsl.select(PARTNER.ID).from(PARTNER).where(PARTNER.TEXT_ID.eq(textId)).fetchOptional(PARTNER.ID);
    }

    /** Inserts or updates a partner of the project file; tells whether anything changed. */
    boolean savePartner(String id, String textId, Map<Field<?>, Object> values, int position, OffsetDateTime now) {
        if (!dsl.fetchExists(PARTNER, PARTNER.ID.eq(id))) {
            dsl.insertInto(PARTNER).set(PARTNER.ID, id).set(PARTNER.TEXT_ID, textId).set(values)
                    .set(PARTNER.POSITION, position).set(PARTNER.LAST_CHANGE, now).execute();
            return true;
        }
        var current = dsl.select(values.keySet()).select(PARTNER.POSITION).from(PARTNER).where(PARTNER.ID.eq(id))
                .fetchOne();
        boolean same = current.get(PARTNER.POSITION) == position
                && values.entrySet().stream().allMatch(e -> java.util.Objects.equals(current.get(e.getKey()), e.getValue()));
        if (!same) {
            dsl.update(PARTNER).set(values).set(PARTNER.POSITION, position).set(PARTNER.LAST_CHANGE, now)
                    .where(PARTNER.ID.eq(id)).execute();
        }
        return !same;
    }

    void touchPartner(String id, OffsetDateTime now) {
        dsl.update(PARTNER).set(PARTNER.LAST_CHANGE, now).where(PARTNER.ID.eq(id)).execute();
    }

    // --- store groups ------------------------------------------------------------------------

    boolean groupExists(String id) {
        return dsl.fetchExists(STORE_GROUP, STORE_GROUP.ID.eq(id));
    }

    Optional<String> groupIdByTextId(String textId) {
        return dsl.select(STORE_GROUP.ID).from(STORE_GROUP).where(STORE_GROUP.TEXT_ID.eq(textId))
                .fetchOptional(STORE_GROUP.ID);
    }

    /** Inserts or updates a store group of the project file; tells whether it is new or moved. */
    boolean saveGroup(String id, String textId, int position, OffsetDateTime now) {
        Integer current = dsl.select(STORE_GROUP.POSITION).from(STORE_GROUP).where(STORE_GROUP.ID.eq(id))
                .fetchOne(STORE_GROUP.POSITION);
        if (current == null) {
            dsl.insertInto(STORE_GROUP).set(STORE_GROUP.ID, id).set(STORE_GROUP.TEXT_ID, textId)
                    .set(STORE_GROUP.POSITION, position)
                    .set(STORE_GROUP.LAST_CHANGE, now).execute();
            return true;
        }
        if (current != position) {
            dsl.update(STORE_GROUP).set(STORE_GROUP.POSITION, position).set(STORE_GROUP.LAST_CHANGE, now)
                    .where(STORE_GROUP.ID.eq(id)).execute();
            return true;
        }
        return false;
    }

    void touchGroup(String id, OffsetDateTime now) {
        dsl.update(STORE_GROUP).set(STORE_GROUP.LAST_CHANGE, now).where(STORE_GROUP.ID.eq(id)).execute();
    }

    /** Makes the group's members exactly {@code storeIds}: adds the missing ones, removes the others. */
    void setMembers(String groupId, Collection<String> storeIds, OffsetDateTime now) {
        Set<String> current = dsl.select(STORE_GROUP_RECORD.STORE_ID).from(STORE_GROUP_RECORD)
                .where(STORE_GROUP_RECORD.STORE_GROUP_ID.eq(groupId)).fetchSet(STORE_GROUP_RECORD.STORE_ID);
        dsl.deleteFrom(STORE_GROUP_RECORD).where(STORE_GROUP_RECORD.STORE_GROUP_ID.eq(groupId))
                .and(storeIds.isEmpty() ? STORE_GROUP_RECORD.STORE_ID.isNotNull()
                        : STORE_GROUP_RECORD.STORE_ID.notIn(storeIds))
                .execute();
        for (String storeId : storeIds) {
            if (!current.contains(storeId)) {
                dsl.insertInto(STORE_GROUP_RECORD)
                        .set(STORE_GROUP_RECORD.ID, Ids.stable("store_group_record", groupId + ':' + storeId))
                        .set(STORE_GROUP_RECORD.STORE_ID, storeId).set(STORE_GROUP_RECORD.STORE_GROUP_ID, groupId)
                        .set(STORE_GROUP_RECORD.LAST_CHANGE, now).execute();
            }
        }
    }

    /** Which of the ids name partners (one query for a whole batch). */
    /** The ids of all partners. */
    java.util.Set<String> partnerIds() {
        return dsl.select(PARTNER.ID).from(PARTNER).fetchSet(PARTNER.ID);
    }

    java.util.Set<String> existingPartners(java.util.Collection<String> ids) {
        return ids.isEmpty() ? java.util.Set.of()
                : dsl.select(PARTNER.ID).from(PARTNER).where(PARTNER.ID.in(ids)).fetchSet(PARTNER.ID);
    }

    /** Which of the ids name stores (one query for a whole batch). */
    /** The partner of each of these stores that has one (one small query: the checkout asks it per purchase). */
    java.util.Map<String, String> partnersOfStores(java.util.Collection<String> ids) {
        java.util.Map<String, String> out = new java.util.HashMap<>();
        if (!ids.isEmpty()) {
            dsl.select(STORE.ID, STORE.PARTNER_ID).from(STORE).where(STORE.ID.in(ids)).and(STORE.PARTNER_ID.isNotNull())
                    .forEach(r -> out.put(r.value1(), r.value2()));
        }
        return out;
    }

    java.util.Set<String> existingStores(java.util.Collection<String> ids) {
        return ids.isEmpty() ? java.util.Set.of()
                : dsl.select(STORE.ID).from(STORE).where(STORE.ID.in(ids)).fetchSet(STORE.ID);
    }
}
