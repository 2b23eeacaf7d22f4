package io.patron.reference;

import static io.patron.reference.LookupKind.*;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import io.patron.api.Anonymous;
import io.patron.api.ApiController;
import io.patron.api.Envelope;
import io.patron.api.Language;
import io.patron.api.ListParams;

/** The lookups the API only reads: one list and (where the contract has one) one detail per kind. */
@ApiController
class LookupController {

    private final LookupQueries lookups;

    LookupController(LookupQueries lookups) {
        this.lookups = lookups;
    }

    private <R> Envelope list(LookupKind<R> kind, ListParams params, Language language) {
        return Envelope.list(kind.plural(), lookups.list(kind, params, language));
    }

    @GetMapping("/payment-types")
    Envelope paymentTypes(ListParams params, Language language) {
        return list(PAYMENT_TYPES, params, language);
    }

    @GetMapping("/payment-types/{payment_type_id}")
    Envelope paymentType(@PathVariable("payment_type_id") String id, Language language) {
        return Envelope.of(lookups.one(PAYMENT_TYPES, id, language));
    }

    @GetMapping("/purchase-types")
    Envelope purchaseTypes(ListParams params, Language language) {
        return list(PURCHASE_TYPES, params, language);
    }

    @GetMapping("/purchase-item-types")
    Envelope purchaseItemTypes(ListParams params, Language language) {
        return list(PURCHASE_ITEM_TYPES, params, language);
    }

    @GetMapping("/customer-address-types")
    Envelope customerAddressTypes(ListParams params, Language language) {
        return list(CUSTOMER_ADDRESS_TYPES, params, language);
    }

    @GetMapping("/customer-address-types/{customer_address_type_id}")
    Envelope customerAddressType(@PathVariable("customer_address_type_id") String id, Language language) {
        return Envelope.of(lookups.one(CUSTOMER_ADDRESS_TYPES, id, language));
    }

    /** Anonymous by contract: apps show the channels on consent screens before a customer logs in. */
    @Anonymous
    @GetMapping("/communication-channels")
    Envelope communicationChannels(ListParams params, Language language) {
        return list(COMMUNICATION_CHANNELS, params, language);
    }

    @Anonymous
    @GetMapping("/communication-channels/{communication_channel_id}")
    Envelope communicationChannel(@PathVariable("communication_channel_id") String id, Language language) {
        return Envelope.of(lookups.one(COMMUNICATION_CHANNELS, id, language));
    }

    @GetMapping("/customer-types")
    Envelope customerTypes(ListParams params, Language language) {
        return list(CUSTOMER_TYPES, params, language);
    }

    @GetMapping("/customer-types/{customer_type_id}")
    Envelope customerType(@PathVariable("customer_type_id") String id, Language language) {
        return Envelope.of(lookups.one(CUSTOMER_TYPES, id, language));
    }

    @GetMapping("/customer-relation-types")
    Envelope customerRelationTypes(ListParams params, Language language) {
        return list(CUSTOMER_RELATION_TYPES, params, language);
    }

    @GetMapping("/customer-relation-types/{customer_relation_type_id}")
    Envelope customerRelationType(@PathVariable("customer_relation_type_id") String id, Language language) {
        return Envelope.of(lookups.one(CUSTOMER_RELATION_TYPES, id, language));
    }

    @GetMapping("/interests")
    Envelope interests(ListParams params, Language language) {
        return list(INTERESTS, params, language);
    }

    @GetMapping("/interests/{interest_id}")
    Envelope interest(@PathVariable("interest_id") String id, Language language) {
        return Envelope.of(lookups.one(INTERESTS, id, language));
    }

    @GetMapping("/agreements")
    Envelope agreements(ListParams params, Language language) {
        return list(AGREEMENTS, params, language);
    }

    @GetMapping("/agreements/{agreement_id}")
    Envelope agreement(@PathVariable("agreement_id") String id, Language language) {
        return Envelope.of(lookups.one(AGREEMENTS, id, language));
    }
}
