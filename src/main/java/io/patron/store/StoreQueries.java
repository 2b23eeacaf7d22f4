package io.patron.store;

import static io.patron.db.Tables.PARTNER;
import static io.patron.db.Tables.STORE;
import static io.patron.db.Tables.STORE_GROUP;
import static io.patron.db.Tables.STORE_GROUP_RECORD;
import static io.patron.api.Filters.CONTAINS;
import static io.patron.api.Filters.EQ;
import static io.patron.api.Filters.oneOf;
import static io.patron.store.StoreNames.*;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;

import org.jooq.Record;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.patron.property.PropertyService;
import io.patron.api.ApiError;
import io.patron.api.ApiTime;
import io.patron.api.Filters;
import io.patron.api.Language;
import io.patron.api.ListParams;
import io.patron.api.ListQueries;
import io.patron.api.ListSpec;
import io.patron.api.Page;
import io.patron.api.Translations;
import io.patron.reference.ReferenceCache;

/** Reads of stores, store groups and their records, partners, and the property records of both. */
@Service
@Transactional(readOnly = true)
public class StoreQueries {

    public record Store(String storeId, String storeCode, String name, Address storeAddress, String contactEmail,
                        String managerName, String phoneNumber, String partnerId, String systemId,
                        GpsCoordinates gpsCoordinates, String urlAddress, List<OpeningDay> opening,
                        List<String> imageUrls, Integer visibilityForCustomer, String shortDescription,
                        String description, String registrationId, LocalDateTime lastChange, Integer state) {
    }

    public record StoreGroup(String storeGroupId, String name, LocalDateTime lastChange) {
    }

    public record StoreGroupRecord(String storeGroupRecordId, String storeId, String storeGroupId,
                                   LocalDateTime lastChange) {
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
    private final ReferenceCache cache;

    StoreQueries(ListQueries lists, StoreRepository repository, PropertyService properties, Clock clock,
                 ReferenceCache cache) {
        this.cache = cache;
        this.lists = lists;
        this.repository = repository;
        this.properties = properties;
        this.clock = clock;
    }

    // --- stores ------------------------------------------------------------------------------

    private ListSpec<Store> stores(Language language) {
        ListSpec<Store> spec = ListSpec.<Store>from(STORE)
                .id("store_id", STORE.ID)
                .field("store_code", STORE.STORE_CODE)
                .field("name", Translations.text(STORE_NAME, STORE.ID, language))
                .field("contact_email", STORE.CONTACT_EMAIL)
                .field("manager_name", STORE.MANAGER_NAME)
                .field("phone_number", STORE.PHONE_NUMBER)
                .field("partner_id", STORE.PARTNER_ID)
                .field("system_id", STORE.SYSTEM_ID, EQ)
                .field("url_address", STORE.URL_ADDRESS)
                .field("visibility_for_customer", STORE.VISIBILITY_FOR_CUSTOMER)
                .field("short_description", Translations.text(STORE_SHORT_DESCRIPTION, STORE.ID, language))
                .field("description", Translations.text(STORE_DESCRIPTION, STORE.ID, language))
                .field("registration_id", STORE.REGISTRATION_ID)
                .field("last_change", ApiTime.local(STORE.LAST_CHANGE, clock))
                .field("state", STORE.STATE)
                .column("gps_longitude", STORE.GPS_LONGITUDE)
                .column("gps_latitude", STORE.GPS_LATITUDE)
                .column("opening", STORE.OPENING)
                .column("image_urls", STORE.IMAGE_URLS)
                .filter("visible_for_customer", STORE.VISIBILITY_FOR_CUSTOMER, oneOf(0, 1))
                .filters(this::propertyFilter);
        addressColumns(spec, StoreRepository.STORE_ADDRESS);
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
                    r.get("last_change", LocalDateTime.class), r.get("state", Integer.class));
        });
    }

    /** A property filter needs both its parameters. */
    private void propertyFilter(Filters filters) {
        String propertyId = filters.query().string("property_id");
        String propertyValue = filters.query().string("property_value");
        if (propertyId != null && propertyValue != null) {
            filters.where(properties.ownerHasValue(STORE_KIND, STORE.ID, propertyId, propertyValue));
        }
    }

    /** {@code GET /stores}: visibility and system id match exactly. */
    public Page<Store> stores(ListParams params, Language language) {
        return lists.page(stores(language), params);
    }

    /** As {@link #stores(ListParams, Language)}, among the stores whose id {@code restriction} admits. */
    public Page<Store> stores(ListParams params, Language language,
                              java.util.function.Function<org.jooq.Field<String>, org.jooq.Condition> restriction) {
        return lists.page(stores(language), params, restriction.apply(STORE.ID));
    }

    /** The stores with these ids, in the stores' default order (for records that list their stores). */
    public List<Store> storesIn(java.util.Collection<String> ids, Language language) {
        return ids.isEmpty() ? List.of() : lists.all(stores(language), STORE.ID.in(ids));
    }

    /** The partner of each of these stores. */
    public java.util.Map<String, String> partnersOfStores(java.util.Collection<String> ids) {
        return repository.partnersOfStores(ids);
    }

    public Store store(String id, Language language) {
        return lists.one(stores(language), STORE.ID.eq(id)).orElseThrow(() -> ApiError.notFound("stores", id));
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
        return ListSpec.<StoreGroup>from(STORE_GROUP)
                .id("store_group_id", STORE_GROUP.ID)
                .field("name", Translations.text(GROUP_NAME, STORE_GROUP.ID, language), CONTAINS)
                .field("last_change", ApiTime.local(STORE_GROUP.LAST_CHANGE, clock))
                .defaultOrder(STORE_GROUP.POSITION)
                .map(r -> r.into(StoreGroup.class));
    }

    public Page<StoreGroup> groups(ListParams params, Language language) {
        return lists.page(groups(language), params);
    }

    public StoreGroup group(String id, Language language) {
        return lists.one(groups(language), STORE_GROUP.ID.eq(id))
                .orElseThrow(() -> ApiError.notFound("store-groups", id));
    }

    private ListSpec<StoreGroupRecord> groupRecords() {
        return ListSpec.<StoreGroupRecord>from(STORE_GROUP_RECORD)
                .id("store_group_record_id", STORE_GROUP_RECORD.ID)
                .field("store_id", STORE_GROUP_RECORD.STORE_ID)
                .field("store_group_id", STORE_GROUP_RECORD.STORE_GROUP_ID)
                .field("last_change", ApiTime.local(STORE_GROUP_RECORD.LAST_CHANGE, clock))
                .map(r -> r.into(StoreGroupRecord.class));
    }

    public Page<StoreGroupRecord> groupRecords(String storeId, ListParams params) {
        requireStore(storeId);
        return lists.page(groupRecords(), params, STORE_GROUP_RECORD.STORE_ID.eq(storeId));
    }

    // --- partners ----------------------------------------------------------------------------

    private ListSpec<Partner> partners(Language language) {
        ListSpec<Partner> spec = ListSpec.<Partner>from(PARTNER)
                .id("partner_id", PARTNER.ID)
                .field("name", Translations.text(PARTNER_NAME, PARTNER.ID, language))
                .field("registration_id", PARTNER.REGISTRATION_ID)
                .field("vat_id", PARTNER.VAT_ID)
                .field("email", PARTNER.EMAIL)
                .field("phone", PARTNER.PHONE)
                .field("state", PARTNER.STATE)
                .defaultOrder(PARTNER.POSITION);
        addressColumns(spec, StoreRepository.PARTNER_ADDRESS);
        return spec.map(r -> new Partner(r.get("partner_id", String.class), r.get("name", String.class), address(r),
                r.get("registration_id", String.class), r.get("vat_id", String.class), r.get("email", String.class),
                r.get("phone", String.class), r.get("state", Integer.class)));
    }

    public Page<Partner> partners(ListParams params, Language language) {
        return lists.page(partners(language), params);
    }

    public Partner partner(String id, Language language) {
        return lists.one(partners(language), PARTNER.ID.eq(id)).orElseThrow(() -> ApiError.notFound("partners", id));
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

    private static void addressColumns(ListSpec<?> spec, List<org.jooq.Field<String>> fields) {
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

    /** Which of the ids name partners; for records of other capabilities that reference partners in bulk. */
    public java.util.Set<String> existingPartners(java.util.Collection<String> ids) {
        return repository.existingPartners(ids);
    }

    /**
     * Whether the partner exists, for requests that name one (the ledger's writes). Partners come from the project
     * import only and are never deleted, so this node's memory answers (see {@link ReferenceCache}).
     */
    public boolean partnerExists(String partnerId) {
        return partnerId != null
                && cache.get("store:partner-ids", () -> java.util.Set.copyOf(repository.partnerIds())).contains(partnerId);
    }

    /** Which of the ids name stores; for records of other capabilities that reference stores in bulk. */
    public java.util.Set<String> existingStores(java.util.Collection<String> ids) {
        return repository.existingStores(ids);
    }
}
