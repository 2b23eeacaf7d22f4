package io.patron.store;

import static io.patron.store.StoreTables.*;

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

    private final DSLContext dsl;

    StoreRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    // --- stores ------------------------------------------------------------------------------

    boolean storeExists(String id) {
        return dsl.fetchExists(STORE, STORE_ID.eq(id));
    }

    Optional<String> storeIdByCode(String storeCode) {
        return dsl.select(STORE_ID).from(STORE).where(STORE_CODE.eq(storeCode)).fetchOptional(STORE_ID);
    }

    /** Whether another store than {@code exceptId} (null: any store) holds {@code value} in {@code column}. */
    boolean taken(Field<String> column, String value, String exceptId) {
        return dsl.fetchExists(STORE, column.eq(value).and(exceptId == null ? STORE_ID.isNotNull() : STORE_ID.ne(exceptId)));
    }

    void insertStore(String id, StoreRequests.StoreInput store, OffsetDateTime now) {
        dsl.insertInto(STORE).set(STORE_ID, id).set(values(store)).set(STORE_CHANGED, now).execute();
    }

    /** Replaces every field a client may write; the project-file fields stay as they are. */
    void updateStore(String id, StoreRequests.StoreInput store, OffsetDateTime now) {
        dsl.update(STORE).set(values(store)).set(STORE_CHANGED, now).where(STORE_ID.eq(id)).execute();
    }

    /** The fields only the project file writes (the API shows them read-only). */
    void setFileFields(String id, int visibility, int state, List<String> imageUrls, OffsetDateTime now) {
        String images = imageUrls == null || imageUrls.isEmpty() ? null : JSON.writeValueAsString(imageUrls);
        dsl.update(STORE).set(STORE_VISIBILITY, visibility).set(STORE_STATE, state).set(STORE_IMAGES, images)
                .set(STORE_CHANGED, now)
                .where(STORE_ID.eq(id))
                .and(STORE_VISIBILITY.ne(visibility).or(STORE_STATE.ne(state))
                        .or(images == null ? STORE_IMAGES.isNotNull() : STORE_IMAGES.isNull().or(STORE_IMAGES.ne(images))))
                .execute();
    }

    private static Map<Field<?>, Object> values(StoreRequests.StoreInput store) {
        Map<Field<?>, Object> values = new LinkedHashMap<>();
        values.put(STORE_CODE, store.storeCode());
        values.put(STORE_SYSTEM_ID, store.systemId());
        values.put(STORE_PARTNER, store.partnerId());
        values.put(STORE_EMAIL, store.contactEmail());
        values.put(STORE_MANAGER, store.managerName());
        values.put(STORE_PHONE, store.phoneNumber());
        values.put(STORE_URL, store.urlAddress());
        values.put(STORE_REGISTRATION, store.registrationId());
        putAddress(values, STORE_ADDRESS, store.storeAddress());
        GpsCoordinates gps = store.gpsCoordinates();
        values.put(STORE_LONGITUDE, gps == null ? null : gps.gpsLongitude().setScale(GPS_SCALE, RoundingMode.HALF_UP));
        values.put(STORE_LATITUDE, gps == null ? null : gps.gpsLatitude().setScale(GPS_SCALE, RoundingMode.HALF_UP));
        values.put(STORE_OPENING, openingJson(store.opening()));
        return values;
    }

    static void putAddress(Map<Field<?>, Object> values, AddressColumns columns, Address address) {
        List<Field<String>> fields = columns.all();
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
        return dsl.select(PARTNER_STATE).from(PARTNER).where(PARTNER_ID.eq(partnerId)).fetchOptional(PARTNER_STATE);
    }

    boolean partnerExists(String id) {
        return dsl.fetchExists(PARTNER, PARTNER_ID.eq(id));
    }

    Optional<String> partnerIdByTextId(String textId) {
        return dsl.select(PARTNER_ID).from(PARTNER).where(PARTNER_TEXT_ID.eq(textId)).fetchOptional(PARTNER_ID);
    }

    /** Inserts or updates a partner of the project file; tells whether anything changed. */
    boolean savePartner(String id, String textId, Map<Field<?>, Object> values, int position, OffsetDateTime now) {
        if (!dsl.fetchExists(PARTNER, PARTNER_ID.eq(id))) {
            dsl.insertInto(PARTNER).set(PARTNER_ID, id).set(PARTNER_TEXT_ID, textId).set(values)
                    .set(PARTNER_POSITION, position).set(PARTNER_CHANGED, now).execute();
            return true;
        }
        var current = dsl.select(values.keySet()).select(PARTNER_POSITION).from(PARTNER).where(PARTNER_ID.eq(id))
                .fetchOne();
        boolean same = current.get(PARTNER_POSITION) == position
                && values.entrySet().stream().allMatch(e -> java.util.Objects.equals(current.get(e.getKey()), e.getValue()));
        if (!same) {
            dsl.update(PARTNER).set(values).set(PARTNER_POSITION, position).set(PARTNER_CHANGED, now)
                    .where(PARTNER_ID.eq(id)).execute();
        }
        return !same;
    }

    void touchPartner(String id, OffsetDateTime now) {
        dsl.update(PARTNER).set(PARTNER_CHANGED, now).where(PARTNER_ID.eq(id)).execute();
    }

    // --- store groups ------------------------------------------------------------------------

    boolean groupExists(String id) {
        return dsl.fetchExists(GROUP, GROUP_ID.eq(id));
    }

    Optional<String> groupIdByTextId(String textId) {
        return dsl.select(GROUP_ID).from(GROUP).where(GROUP_TEXT_ID.eq(textId)).fetchOptional(GROUP_ID);
    }

    /** Inserts or updates a store group of the project file; tells whether it is new or moved. */
    boolean saveGroup(String id, String textId, int position, OffsetDateTime now) {
        Integer current = dsl.select(GROUP_POSITION).from(GROUP).where(GROUP_ID.eq(id)).fetchOne(GROUP_POSITION);
        if (current == null) {
            dsl.insertInto(GROUP).set(GROUP_ID, id).set(GROUP_TEXT_ID, textId).set(GROUP_POSITION, position)
                    .set(GROUP_CHANGED, now).execute();
            return true;
        }
        if (current != position) {
            dsl.update(GROUP).set(GROUP_POSITION, position).set(GROUP_CHANGED, now).where(GROUP_ID.eq(id)).execute();
            return true;
        }
        return false;
    }

    void touchGroup(String id, OffsetDateTime now) {
        dsl.update(GROUP).set(GROUP_CHANGED, now).where(GROUP_ID.eq(id)).execute();
    }

    /** Makes the group's members exactly {@code storeIds}: adds the missing ones, removes the others. */
    void setMembers(String groupId, Collection<String> storeIds, OffsetDateTime now) {
        Set<String> current = dsl.select(MEMBER_STORE).from(MEMBER).where(MEMBER_GROUP.eq(groupId)).fetchSet(MEMBER_STORE);
        dsl.deleteFrom(MEMBER).where(MEMBER_GROUP.eq(groupId))
                .and(storeIds.isEmpty() ? MEMBER_STORE.isNotNull() : MEMBER_STORE.notIn(storeIds)).execute();
        for (String storeId : storeIds) {
            if (!current.contains(storeId)) {
                dsl.insertInto(MEMBER).set(MEMBER_ID, Ids.stable("store_group_record", groupId + ':' + storeId))
                        .set(MEMBER_STORE, storeId).set(MEMBER_GROUP, groupId).set(MEMBER_CHANGED, now).execute();
            }
        }
    }

    /** Which of the ids name partners (one query for a whole batch). */
    java.util.Set<String> existingPartners(java.util.Collection<String> ids) {
        return ids.isEmpty() ? java.util.Set.of()
                : dsl.select(PARTNER_ID).from(PARTNER).where(PARTNER_ID.in(ids)).fetchSet(PARTNER_ID);
    }

    /** Which of the ids name stores (one query for a whole batch). */
    java.util.Set<String> existingStores(java.util.Collection<String> ids) {
        return ids.isEmpty() ? java.util.Set.of()
                : dsl.select(STORE_ID).from(STORE).where(STORE_ID.in(ids)).fetchSet(STORE_ID);
    }
}
