package io.patron.store;

import static io.patron.db.Tables.PARTNER;
import static io.patron.db.Tables.STORE;
import static io.patron.store.StoreNames.*;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import org.jooq.Field;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

import io.patron.property.PropertyService;
import io.patron.api.InvalidParam;
import io.patron.api.Translations;
import io.patron.common.Ids;
import io.patron.config.PatronProperties;
import io.patron.config.ProjectFile;
import io.patron.config.ProjectImport;
import io.patron.reference.CountryQueries;

/**
 * Imports partners, stores and store groups from the project file:
 * <pre>
 * partners:                     # the file owns partners: every import updates them
 *   - text_id: retailer         # the key; the id is derived from it unless `id` is given
 *     name: Patron Retail s.r.o.
 *     registration_id: "12345678"
 *     vat_id: CZ12345678
 *     email: info@example.com
 *     phone: "420212345678"
 *     address: { address1: Na Příkopě, address2: "22", zip: "11000", city: Praha 1, country_code: cz }
 *     state: 1
 *     property_records: { founded: "2009-03-01", segments: [fashion, sport] }
 * stores:                       # created when the store code is new; afterwards the API owns them
 *   - store_code: PRG01
 *     system_id: "1001"
 *     partner: retailer         # text id (or id) of a partner
 *     name: { en: Prague Old Town, cs: Praha Staré Město }
 *     short_description: ...    # translated like the name; description too
 *     store_address: { ... }    # and contact_email, manager_name, phone_number, url_address,
 *     gps_coordinates: { gps_longitude: 14.42, gps_latitude: 50.08 }   # registration_id
 *     opening: [ { day_id: MON, time_intervals: [ { from: "09:00:00", to: "20:00:00" } ] } ]
 *     property_records: { parking: [free] }
 *     image_urls: [https://...]  # these three the API only reads: every import applies them
 *     visibility_for_customer: 1
 *     state: 1
 * store_groups:                 # the file owns store groups and their members
 *   - text_id: brick_and_mortar
 *     name: { en: Stores, cs: Prodejny }
 *     stores: [PRG01, BRN01]    # store codes; the group's members are exactly these
 * </pre>
 * Property values are written as the API takes them, except that enum and multiselect values are
 * lists of item text ids. Times must be quoted ("09:00:00"), or YAML reads them as numbers.
 */
@Component
class StoreProjectImport implements ProjectImport {

    private static final Logger log = LoggerFactory.getLogger(StoreProjectImport.class);

    record PartnerDefinition(String id, String textId, Object name, Address address, String registrationId,
                             String vatId, String email, String phone, Integer state,
                             Map<String, JsonNode> propertyRecords) {
    }

    record StoreDefinition(String id, String storeCode, String systemId, String partner, Object name,
                           Object shortDescription, Object description, Address storeAddress, String contactEmail,
                           String managerName, String phoneNumber, GpsCoordinates gpsCoordinates,
                           String urlAddress, List<OpeningDay> opening, String registrationId,
                           List<String> imageUrls, Integer visibilityForCustomer, Integer state,
                           Map<String, JsonNode> propertyRecords) {
    }

    record GroupDefinition(String id, String textId, Object name, List<String> stores) {
    }

    private final StoreRepository repository;
    private final PropertyService properties;
    private final CountryQueries countries;
    private final Translations translations;
    private final PatronProperties settings;
    private final Validator validator;
    private final Clock clock;

    StoreProjectImport(StoreRepository repository, PropertyService properties, CountryQueries countries,
                       Translations translations, PatronProperties settings, Validator validator, Clock clock) {
        this.repository = repository;
        this.properties = properties;
        this.countries = countries;
        this.translations = translations;
        this.settings = settings;
        this.validator = validator;
        this.clock = clock;
    }

    /** After the property definitions (-50), which the property records refer to. */
    @Override
    public int order() {
        return -40;
    }

    @Override
    public void apply(ProjectFile file) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        List<PartnerDefinition> partners = file.section("partners", PartnerDefinition.class);
        for (int i = 0; i < partners.size(); i++) {
            partner(partners.get(i), i, where(file, "partners", i), now);
        }
        List<StoreDefinition> stores = file.section("stores", StoreDefinition.class);
        for (int i = 0; i < stores.size(); i++) {
            store(stores.get(i), where(file, "stores", i), now);
        }
        List<GroupDefinition> groups = file.section("store_groups", GroupDefinition.class);
        for (int i = 0; i < groups.size(); i++) {
            group(groups.get(i), i, where(file, "store_groups", i), now);
        }
    }

    private static String where(ProjectFile file, String section, int index) {
        return "Section '" + section + "' of " + file.location() + ", item " + (index + 1);
    }

    // --- partners ----------------------------------------------------------------------------

    private void partner(PartnerDefinition p, int position, String where, OffsetDateTime now) {
        require(p.textId(), "text_id", where);
        String id = blank(p.id()) ? Ids.stable("partner", p.textId()) : p.id();
        repository.partnerIdByTextId(p.textId()).filter(existing -> !existing.equals(id)).ifPresent(existing -> {
            throw new IllegalStateException(where + ": '" + p.textId() + "' already has the id " + existing
                    + " and cannot change it to " + id);
        });
        checkCountry(p.address(), where);
        int state = p.state() == null ? 1 : p.state();
        if (state < 0 || state > 2) {
            throw new IllegalStateException(where + ": state must be 0, 1 or 2");
        }
        Map<Field<?>, Object> values = new LinkedHashMap<>();
        values.put(PARTNER.REGISTRATION_ID, p.registrationId());
        values.put(PARTNER.VAT_ID, p.vatId());
        values.put(PARTNER.EMAIL, p.email());
        values.put(PARTNER.PHONE, p.phone());
        StoreRepository.putAddress(values, StoreRepository.PARTNER_ADDRESS, p.address());
        values.put(PARTNER.STATE, state);
        boolean changed = repository.savePartner(id, p.textId(), values, position, now);
        boolean renamed = translations.put(PARTNER_NAME, id, texts(p.name() == null ? p.textId() : p.name(), where));
        if (!changed && renamed) {
            repository.touchPartner(id, now);
        }
        propertyRecords(PARTNER_KIND, id, p.propertyRecords(), where);
    }

    // --- stores ------------------------------------------------------------------------------

    private void store(StoreDefinition s, String where, OffsetDateTime now) {
        require(s.storeCode(), "store_code", where);
        require(s.systemId(), "system_id", where);
        require(s.partner(), "partner", where);
        Map<String, String> names = texts(s.name() == null ? s.storeCode() : s.name(), where);
        Map<String, String> shortDescriptions = texts(s.shortDescription(), where);
        Map<String, String> descriptions = texts(s.description(), where);
        Optional<String> existing = repository.storeIdByCode(s.storeCode());
        String id;
        if (existing.isPresent()) {
            id = existing.get();
        } else {
            String partnerId = repository.partnerIdByTextId(s.partner())
                    .or(() -> repository.partnerExists(s.partner()) ? Optional.of(s.partner()) : Optional.empty())
                    .orElseThrow(() -> new IllegalStateException(where + ": no partner '" + s.partner() + "'"));
            StoreRequests.StoreInput input = new StoreRequests.StoreInput(s.storeCode(), any(names),
                    s.storeAddress(), s.contactEmail(), s.managerName(), s.phoneNumber(), partnerId, s.systemId(),
                    s.gpsCoordinates(), s.urlAddress(), s.opening(), any(shortDescriptions), any(descriptions),
                    s.registrationId());
            List<String> problems = new ArrayList<>();
            for (ConstraintViolation<?> v : validator.validate(input)) {
                problems.add(v.getPropertyPath() + " " + v.getMessage());
            }
            if (repository.taken(STORE.SYSTEM_ID, s.systemId(), null)) {
                problems.add("system_id '" + s.systemId() + "' belongs to another store");
            }
            if (!problems.isEmpty()) {
                throw new IllegalStateException(where + ": " + String.join("; ", problems));
            }
            checkCountry(s.storeAddress(), where);
            id = blank(s.id()) ? Ids.stable("store", s.storeCode()) : s.id();
            repository.insertStore(id, input, now);
            translations.put(STORE_NAME, id, names);
            translations.put(STORE_SHORT_DESCRIPTION, id, shortDescriptions);
            translations.put(STORE_DESCRIPTION, id, descriptions);
            propertyRecords(STORE_KIND, id, s.propertyRecords(), where);
        }
        int visibility = s.visibilityForCustomer() == null ? 1 : s.visibilityForCustomer();
        int state = s.state() == null ? 1 : s.state();
        if (visibility < 0 || visibility > 1 || state < 0 || state > 2) {
            throw new IllegalStateException(where + ": visibility_for_customer must be 0 or 1, state 0, 1 or 2");
        }
        repository.setFileFields(id, visibility, state, s.imageUrls(), now);
    }

    // --- store groups ------------------------------------------------------------------------

    private void group(GroupDefinition g, int position, String where, OffsetDateTime now) {
        require(g.textId(), "text_id", where);
        String id = blank(g.id()) ? Ids.stable("store_group", g.textId()) : g.id();
        repository.groupIdByTextId(g.textId()).filter(existing -> !existing.equals(id)).ifPresent(existing -> {
            throw new IllegalStateException(where + ": '" + g.textId() + "' already has the id " + existing
                    + " and cannot change it to " + id);
        });
        boolean changed = repository.saveGroup(id, g.textId(), position, now);
        boolean renamed = translations.put(GROUP_NAME, id, texts(g.name() == null ? g.textId() : g.name(), where));
        if (!changed && renamed) {
            repository.touchGroup(id, now);
        }
        if (g.stores() != null) {
            List<String> storeIds = new ArrayList<>();
            for (String code : g.stores()) {
                repository.storeIdByCode(code).ifPresentOrElse(storeIds::add,
                        // a store the API has not created yet joins at the next import
                        () -> log.warn("{}: no store with the code '{}' (yet); left out of the group", where, code));
            }
            repository.setMembers(id, storeIds, now);
        }
    }

    // --- helpers -----------------------------------------------------------------------------

    private void propertyRecords(String kind, String ownerId, Map<String, JsonNode> records, String where) {
        if (records == null || records.isEmpty()) {
            return;
        }
        List<PropertyService.PropertyRecordInput> inputs = new ArrayList<>();
        records.forEach((propertyId, value) -> inputs.add(new PropertyService.PropertyRecordInput(propertyId,
                itemIds(kind, propertyId, value))));
        List<InvalidParam> errors = new ArrayList<>();
        List<PropertyService.CheckedValue> checked = properties.checker(kind)
                .check(ownerId, inputs, "property_records", errors);
        if (!errors.isEmpty()) {
            throw new IllegalStateException(where + ": " + String.join("; ", errors.stream()
                    .map(e -> e.name() + " " + e.reason() + " (" + e.message() + ")").toList()));
        }
        properties.merge(kind, Map.of(ownerId, checked));
    }

    /** A list of texts names the items of an enum or multiselect property by their text ids. */
    private static JsonNode itemIds(String kind, String propertyId, JsonNode value) {
        if (value == null || !value.isArray()) {
            return value;
        }
        ArrayNode ids = JsonNodeFactory.instance.arrayNode();
        for (JsonNode item : value) {
            if (item.isString()) {
                ids.add(PropertyService.itemId(kind, propertyId, item.asString()));
            } else {
                ids.add(item);
            }
        }
        return ids;
    }

    private void checkCountry(Address address, String where) {
        if (address != null && address.countryCode() != null && !countries.exists(address.countryCode())) {
            throw new IllegalStateException(where + ": unknown country_code '" + address.countryCode() + "'");
        }
    }

    /** A translated text of the file: a plain text (all languages) or language codes and texts. */
    private Map<String, String> texts(Object value, String where) {
        Map<String, String> texts = ProjectFile.texts(value, settings.languages());
        for (String language : texts.keySet()) {
            if (!language.matches("[a-z]{2,3}")) {
                throw new IllegalStateException(where + ": '" + language + "' is not a language code"
                        + " (in YAML, a text with a comma or colon must be quoted)");
            }
        }
        return texts;
    }

    private String any(Map<String, String> texts) {
        if (texts.isEmpty()) {
            return null;
        }
        String preferred = texts.get(settings.defaultLanguage());
        return preferred != null ? preferred : texts.values().iterator().next();
    }

    private static void require(String value, String field, String where) {
        if (blank(value)) {
            throw new IllegalStateException(where + ": " + field + " is required");
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
