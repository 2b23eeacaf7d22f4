package io.patron.store;

import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;

import io.patron.property.PropertyService;
import io.patron.api.ApiController;
import io.patron.api.ApiInterface;
import io.patron.api.Envelope;
import io.patron.api.Language;
import io.patron.api.ListParams;
import io.patron.api.OnlyIn;

/**
 * Stores, their property and store group records, store groups and store properties. Reads are open
 * to both interfaces; writes only to the Enterprise API (see docs/decisions.md).
 */
@ApiController
class StoreController {

    private final StoreQueries queries;
    private final StoreService stores;

    StoreController(StoreQueries queries, StoreService stores) {
        this.queries = queries;
        this.stores = stores;
    }

    @GetMapping("/stores")
    Envelope stores(ListParams params, Language language) {
        return Envelope.list("stores", queries.stores(params, language));
    }

    @OnlyIn(ApiInterface.ENTERPRISE)
    @PostMapping("/stores")
    @ResponseStatus(HttpStatus.CREATED)
    Envelope create(@Valid @RequestBody StoreRequests.StoreBody body, Language language) {
        return Envelope.field("store_id", stores.create(body.store(), language));
    }

    @GetMapping("/stores/{store_id}")
    Envelope store(@PathVariable("store_id") String id, Language language) {
        return Envelope.of(queries.store(id, language));
    }

    @OnlyIn(ApiInterface.ENTERPRISE)
    @PutMapping("/stores/{store_id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void replace(@PathVariable("store_id") String id, @Valid @RequestBody StoreRequests.StoreBody body,
                 Language language) {
        stores.replace(id, body.store(), language);
    }

    @GetMapping("/stores/{store_id}/property-records")
    Envelope propertyRecords(@PathVariable("store_id") String id, ListParams params, Language language) {
        return Envelope.list("property_records", queries.storePropertyRecords(id, params, language));
    }

    @OnlyIn(ApiInterface.ENTERPRISE)
    @PostMapping("/stores/{store_id}/property-records")
    @ResponseStatus(HttpStatus.CREATED)
    Envelope addPropertyRecord(@PathVariable("store_id") String id,
                               @Valid @RequestBody PropertyService.PropertyRecordBody body) {
        return Envelope.field("property_record_id", stores.addPropertyRecord(id, body.propertyRecord()));
    }

    @OnlyIn(ApiInterface.ENTERPRISE)
    @PutMapping("/stores/{store_id}/property-records/{property_record_id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void replacePropertyRecord(@PathVariable("store_id") String id,
                               @PathVariable("property_record_id") String recordId,
                               @Valid @RequestBody PropertyService.PropertyRecordBody body) {
        stores.replacePropertyRecord(id, recordId, body.propertyRecord());
    }

    @OnlyIn(ApiInterface.ENTERPRISE)
    @DeleteMapping("/stores/{store_id}/property-records/{property_record_id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deletePropertyRecord(@PathVariable("store_id") String id,
                              @PathVariable("property_record_id") String recordId) {
        stores.deletePropertyRecord(id, recordId);
    }

    @GetMapping("/stores/{store_id}/store-group-records")
    Envelope storeGroupRecords(@PathVariable("store_id") String id, ListParams params) {
        return Envelope.list("store_group_records", queries.groupRecords(id, params));
    }

    @GetMapping("/store-groups")
    Envelope storeGroups(ListParams params, Language language) {
        return Envelope.list("store_groups", queries.groups(params, language));
    }

    @GetMapping("/store-groups/{store_group_id}")
    Envelope storeGroup(@PathVariable("store_group_id") String id, Language language) {
        return Envelope.of(queries.group(id, language));
    }

    @GetMapping("/store-properties")
    Envelope storeProperties(ListParams params, Language language) {
        return Envelope.list("store_properties", queries.storeProperties(params, language));
    }

    @GetMapping("/store-properties/{store_property_id}")
    Envelope storeProperty(@PathVariable("store_property_id") String id, Language language) {
        return Envelope.of(queries.storeProperty(id, language));
    }
}
