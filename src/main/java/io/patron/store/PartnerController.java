package io.patron.store;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import io.patron.api.ApiController;
import io.patron.api.ApiInterface;
import io.patron.api.Envelope;
import io.patron.api.Language;
import io.patron.api.ListParams;
import io.patron.api.OnlyIn;

/** Partners (defined by the project file), their property records and partner properties. */
@ApiController
class PartnerController {

    private final StoreQueries queries;

    PartnerController(StoreQueries queries) {
        this.queries = queries;
    }

    @GetMapping("/partners")
    Envelope partners(ListParams params, Language language) {
        return Envelope.list("partners", queries.partners(params, language));
    }

    @GetMapping("/partners/{partner_id}")
    Envelope partner(@PathVariable("partner_id") String id, Language language) {
        return Envelope.of(queries.partner(id, language));
    }

    @GetMapping("/partners/{partner_id}/property-records")
    Envelope propertyRecords(@PathVariable("partner_id") String id, ListParams params, Language language) {
        return Envelope.list("property_records", queries.partnerPropertyRecords(id, params, language));
    }

    /** The contract opens the list of partner properties to the Enterprise API only (the detail to both). */
    @OnlyIn(ApiInterface.ENTERPRISE)
    @GetMapping("/partner-properties")
    Envelope partnerProperties(ListParams params, Language language) {
        return Envelope.list("partner_properties", queries.partnerProperties(params, language));
    }

    @GetMapping("/partner-properties/{partner_property_id}")
    Envelope partnerProperty(@PathVariable("partner_property_id") String id, Language language) {
        return Envelope.of(queries.partnerProperty(id, language));
    }
}
