package io.patron.store;

import static io.patron.store.StoreTables.*;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;

import org.jooq.Condition;
import org.jooq.Record;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.patron.admin.PropertyService;
import io.patron.api.ApiError;
import io.patron.api.ApiTime;
import io.patron.api.Filters;
import io.patron.api.Language;
import io.patron.api.ListParams;
import io.patron.api.ListQueries;
import io.patron.api.ListSpec;
import io.patron.api.Page;
import io.patron.api.Translations;

/** Reads of stores, store groups and their records, partners, and the property records of both. */
@Service
@Transactional(readOnly = true)
public class StoreQueries {

    public record Store(String storeId, String storeCode, String name, Address storeAddress, String contactEmail,
                        String managerName, String phoneNumber, String partnerId, String systemId,
                        GpsCoordinates gpsCoordinates, String urlAddress, List<OpeningDay> opening,
                        List<String> imageUrls, Integer visibilityForCustomer, String shortDescription,
                        String description, String registrationId, String lastChange, Integer state) {
    }

    public record StoreGroup(String storeGroupId, String name, String lastChange) {
    }

    public record StoreGroupRecord(String storeGroupRecordId, String storeId, String storeGroupId, String lastChange) {
    }

    public record Partner(String partnerId, String name, Address address, String registrationId, String vatId,
                          String email, String phone, Integer state) {
    }

    private static final String[] ADDRESS = {"address1", "address2", "address3", "address4", "address5", "address6",
            "address7", "zip", "city", "country_code"};

    private final ListQueries lists;
    private final StoreRepository repository;
    private final PropertyService properties;
    private final Clock clock;

    StoreQueries(ListQueries lists, StoreRepository repository, PropertyService properties, Clock clock) {
        this.lists = lists;
        this.repository = repository;
        this.properties = properties;
        this.clock = clock;
    }

    // --- stores ------------------------------------------------------------------------------

    private ListSpec<Store> stores(Language language) {
        ListSpec<Store> spec = ListSpec.<Store>from(STORE)
                .id("store_id", STORE_ID)
                .field("store_code", STORE_CODE)
                .field("name", Translations.text(STORE_NAME, STORE_ID, language))
                .field("contact_email", STORE_EMAIL)
                .field("manager_name", STORE_MANAGER)
                .field("phone_number", STORE_PHONE)
                .field("partner_id", STORE_PARTNER)
                .field("system_id", STORE_SYSTEM_ID)
                .field("url_address", STORE_URL)
                .field("visibility_for_customer", STORE_VISIBILITY)
                .field("short_description", Translations.text(STORE_SHORT_DESCRIPTION, STORE_ID, language))
                .field("description", Translations.text(STORE_DESCRIPTION, STORE_ID, language))
                .field("registration_id", STORE_REGISTRATION)
                .field("last_change", STORE_CHANGED)
                .field("state", STORE_STATE)
                .column("gps_longitude", STORE_LONGITUDE)
                .column("gps_latitude", STORE_LATITUDE)
                .column("opening", STORE_OPENING)
                .column("image_urls", STORE_IMAGES);
        addressColumns(spec, STORE_ADDRESS);
        return spec.map(r -> {
            BigDecimal longitude = r.get("gps_longitude", BigDecimal.class);
            BigDecimal latitude = r.get("gps_latitude", BigDecimal.class);
            return new Store(r.get("store_id", String.class), r.get("store_code", String.class),
                    r.get("name", String.class), address(r), r.get("contact_email", String.class),
                    r.get("manager_name", String.class), r.get("phone_number", String.class),
                    r.get("partner_id", String.class), r.get("system_id", String.class),
                    longitude == null || latitude == null ? null
                            : new GpsCoordinates(StoreRepository.plain(longitude), StoreRepository.plain(latitude)),
                    r.get("url_address", String.class), StoreRepository.opening(r.get("opening", String.class)),
                    StoreRepository.imageUrls(r.get("image_urls", String.class)),
                    r.get("visibility_for_customer", Integer.class), r.get("short_description", String.class),
                    r.get("description", String.class), r.get("registration_id", String.class),
                    time(r, "last_change"), r.get("state", Integer.class));
        });
    }

    /** {@code GET /stores}: visibility and system id match exactly; a property filter needs both its parameters. */
    public Page<Store> stores(ListParams params, Language language) {
        Filters filters = params.filters()
                .oneOf("visible_for_customer", STORE_VISIBILITY, 0, 1)
                .eq("system_id", STORE_SYSTEM_ID);
        String propertyId = filters.query().string("property_id");
        String propertyValue = filters.query().string("property_value");
        if (propertyId != null && propertyValue != null) {
            filters.where(properties.ownerHasValue(STORE_KIND, STORE_ID, propertyId, propertyValue));
        }
        return lists.page(stores(language), params, filters.condition());
    }

    public Store store(String id, Language language) {
        return lists.one(stores(language), STORE_ID.eq(id)).orElseThrow(() -> ApiError.notFound("stores", id));
    }

    public Page<PropertyService.PropertyRecord> storePropertyRecords(String storeId, ListParams params,
                                                                     Language language) {
        requireStore(storeId);
        return properties.records(STORE_KIND, storeId, params, language);
    }

    public Page<PropertyService.Property> storeProperties(ListParams params, Language language) {
        return properties.definitions(STORE_KIND, params, language);
    }

    public PropertyService.Property storeProperty(String id, Language language) {
        return properties.definition(STORE_KIND, "store-properties", id, language);
    }

    // --- store groups ------------------------------------------------------------------------

    private ListSpec<StoreGroup> groups(Language language) {
        return ListSpec.<StoreGroup>from(GROUP)
                .id("store_group_id", GROUP_ID)
                .field("name", Translations.text(GROUP_NAME, GROUP_ID, language))
                .field("last_change", GROUP_CHANGED)
                .defaultOrder(GROUP_POSITION)
                .map(r -> new StoreGroup(r.get("store_group_id", String.class), r.get("name", String.class),
                        time(r, "last_change")));
    }

    public Page<StoreGroup> groups(ListParams params, Language language) {
        Condition where = params.filters().contains("name", Translations.text(GROUP_NAME, GROUP_ID, language))
                .condition();
        return lists.page(groups(language), params, where);
    }

    public StoreGroup group(String id, Language language) {
        return lists.one(groups(language), GROUP_ID.eq(id)).orElseThrow(() -> ApiError.notFound("store-groups", id));
    }

    private ListSpec<StoreGroupRecord> groupRecords() {
        return ListSpec.<StoreGroupRecord>from(MEMBER)
                .id("store_group_record_id", MEMBER_ID)
                .field("store_id", MEMBER_STORE)
                .field("store_group_id", MEMBER_GROUP)
                .field("last_change", MEMBER_CHANGED)
                .map(r -> new StoreGroupRecord(r.get("store_group_record_id", String.class),
                        r.get("store_id", String.class), r.get("store_group_id", String.class),
                        time(r, "last_change")));
    }

    public Page<StoreGroupRecord> groupRecords(String storeId, ListParams params) {
        requireStore(storeId);
        return lists.page(groupRecords(), params, params.filters().where(MEMBER_STORE.eq(storeId)).condition());
    }

    // --- partners ----------------------------------------------------------------------------

    private ListSpec<Partner> partners(Language language) {
        ListSpec<Partner> spec = ListSpec.<Partner>from(PARTNER)
                .id("partner_id", PARTNER_ID)
                .field("name", Translations.text(PARTNER_NAME, PARTNER_ID, language))
                .field("registration_id", PARTNER_REGISTRATION)
                .field("vat_id", PARTNER_VAT)
                .field("email", PARTNER_EMAIL)
                .field("phone", PARTNER_PHONE)
                .field("state", PARTNER_STATE)
                .defaultOrder(PARTNER_POSITION);
        addressColumns(spec, PARTNER_ADDRESS);
        return spec.map(r -> new Partner(r.get("partner_id", String.class), r.get("name", String.class), address(r),
                r.get("registration_id", String.class), r.get("vat_id", String.class), r.get("email", String.class),
                r.get("phone", String.class), r.get("state", Integer.class)));
    }

    public Page<Partner> partners(ListParams params, Language language) {
        return lists.page(partners(language), params, params.filters().condition());
    }

    public Partner partner(String id, Language language) {
        return lists.one(partners(language), PARTNER_ID.eq(id)).orElseThrow(() -> ApiError.notFound("partners", id));
    }

    public Page<PropertyService.PropertyRecord> partnerPropertyRecords(String partnerId, ListParams params,
                                                                       Language language) {
        if (!repository.partnerExists(partnerId)) {
            throw ApiError.notFound("partners", partnerId);
        }
        return properties.records(PARTNER_KIND, partnerId, params, language);
    }

    public Page<PropertyService.Property> partnerProperties(ListParams params, Language language) {
        return properties.definitions(PARTNER_KIND, params, language);
    }

    public PropertyService.Property partnerProperty(String id, Language language) {
        return properties.definition(PARTNER_KIND, "partner-properties", id, language);
    }

    // --- helpers -----------------------------------------------------------------------------

    public void requireStore(String storeId) {
        if (!repository.storeExists(storeId)) {
            throw ApiError.notFound("stores", storeId);
        }
    }

    private static void addressColumns(ListSpec<?> spec, AddressColumns columns) {
        List<org.jooq.Field<String>> fields = columns.all();
        for (int i = 0; i < ADDRESS.length; i++) {
            spec.column("addr_" + ADDRESS[i], fields.get(i));
        }
    }

    private static Address address(Record r) {
        String[] parts = new String[ADDRESS.length];
        for (int i = 0; i < ADDRESS.length; i++) {
            parts[i] = r.get("addr_" + ADDRESS[i], String.class);
        }
        return Address.ofNullable(parts);
    }

    private String time(Record r, String field) {
        OffsetDateTime value = r.get(field, OffsetDateTime.class);
        return value == null ? null : ApiTime.format(value.toInstant(), clock);
    }

    /** Which of the ids name partners; for records of other capabilities that reference partners in bulk. */
    public java.util.Set<String> existingPartners(java.util.Collection<String> ids) {
        return repository.existingPartners(ids);
    }

    /** Which of the ids name stores; for records of other capabilities that reference stores in bulk. */
    public java.util.Set<String> existingStores(java.util.Collection<String> ids) {
        return repository.existingStores(ids);
    }
}
