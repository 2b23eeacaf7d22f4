package io.patron.store;

import static io.patron.db.Tables.STORE;
import static io.patron.store.StoreNames.*;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.patron.property.PropertyService;
import io.patron.api.ApiError;
import io.patron.api.InvalidParam;
import io.patron.api.Language;
import io.patron.api.Reason;
import io.patron.api.Translations;
import io.patron.common.Ids;
import io.patron.reference.CountryQueries;

/**
 * The rules of writing stores and their property records: store codes and system ids are unique,
 * the partner exists, the country is known; names and descriptions are texts of the request's language.
 */
@Service
@Transactional
public class StoreService {

    /** Where a refused field of the body is named. */
    private static final String BODY = "store";
    private static final String PROPERTY_RECORD = "property_record";

    private final StoreRepository repository;
    private final StoreQueries queries;
    private final PropertyService properties;
    private final CountryQueries countries;
    private final Translations translations;
    private final Clock clock;

    StoreService(StoreRepository repository, StoreQueries queries, PropertyService properties,
                 CountryQueries countries, Translations translations, Clock clock) {
        this.repository = repository;
        this.queries = queries;
        this.properties = properties;
        this.countries = countries;
        this.translations = translations;
        this.clock = clock;
    }

    /** {@code POST /stores}: the new store's id. */
    public String create(StoreRequests.StoreInput store, Language language) {
        check(store, null);
        String id = Ids.newId();
        try {
            repository.insertStore(id, store, OffsetDateTime.now(clock));
        } catch (DataIntegrityViolationException e) {
            throw duplicate(e);
        }
        texts(id, store, language);
        return id;
    }

    /** {@code PUT /stores/{id}}: replaces every writable field; one left out is cleared. */
    public void replace(String id, StoreRequests.StoreInput store, Language language) {
        queries.requireStore(id);
        check(store, id);
        try {
            repository.updateStore(id, store, OffsetDateTime.now(clock));
        } catch (DataIntegrityViolationException e) {
            throw duplicate(e);
        }
        texts(id, store, language);
    }

    public String addPropertyRecord(String storeId, PropertyService.PropertyRecordInput input) {
        queries.requireStore(storeId);
        return properties.add(STORE_KIND, storeId, input, PROPERTY_RECORD);
    }

    public void replacePropertyRecord(String storeId, String recordId, PropertyService.PropertyRecordInput input) {
        queries.requireStore(storeId);
        properties.replace(STORE_KIND, storeId, recordId, input, PROPERTY_RECORD);
    }

    public void deletePropertyRecord(String storeId, String recordId) {
        queries.requireStore(storeId);
        properties.delete(STORE_KIND, storeId, recordId);
    }

    private void check(StoreRequests.StoreInput store, String storeId) {
        List<InvalidParam> errors = new ArrayList<>();
        repository.partnerState(store.partnerId()).ifPresentOrElse(
                state -> {
                    if (state == 0) {
                        errors.add(InvalidParam.of(BODY + ".partner_id", Reason.DELETED, store.partnerId(),
                                "The partner is deleted"));
                    }
                },
                () -> errors.add(InvalidParam.of(BODY + ".partner_id", Reason.NOT_FOUND, store.partnerId(),
                        "No such partner")));
        if (repository.taken(STORE.STORE_CODE, store.storeCode(), storeId)) {
            errors.add(InvalidParam.of(BODY + ".store_code", Reason.ALREADY_EXISTS, store.storeCode(),
                    "Another store has this code"));
        }
        if (repository.taken(STORE.SYSTEM_ID, store.systemId(), storeId)) {
            errors.add(InvalidParam.of(BODY + ".system_id", Reason.ALREADY_EXISTS, store.systemId(),
                    "Another store has this system id"));
        }
        String country = store.storeAddress() == null ? null : store.storeAddress().countryCode();
        if (country != null && !countries.exists(country)) {
            errors.add(InvalidParam.of(BODY + ".store_address.country_code", Reason.NOT_FOUND, country,
                    "Not an ISO 3166-1 alpha-2 country code"));
        }
        if (!errors.isEmpty()) {
            throw ApiError.badRequest(errors);
        }
    }

    /** Two requests that passed the check at the same time: the unique constraint names the loser's field. */
    private static ApiError duplicate(DataIntegrityViolationException e) {
        String message = String.valueOf(e.getMostSpecificCause().getMessage()).toLowerCase(Locale.ROOT);
        if (message.contains("ux_store_store_code")) {
            return ApiError.badRequest(BODY + ".store_code", Reason.ALREADY_EXISTS, "Another store has this code");
        }
        if (message.contains("ux_store_system_id")) {
            return ApiError.badRequest(BODY + ".system_id", Reason.ALREADY_EXISTS, "Another store has this system id");
        }
        throw e;
    }

    /**
     * Texts sent by a client are the request language's texts; the other languages keep theirs. A
     * description left out (PUT replaces the whole record) is cleared in every language.
     */
    private void texts(String id, StoreRequests.StoreInput store, Language language) {
        text(STORE_NAME, id, store.name(), language);
        text(STORE_SHORT_DESCRIPTION, id, store.shortDescription(), language);
        text(STORE_DESCRIPTION, id, store.description(), language);
    }

    private void text(String entity, String id, String text, Language language) {
        if (text == null) {
            translations.delete(entity, id);
        } else {
            translations.put(entity, id, Map.of(language.id(), text));
        }
    }
}
