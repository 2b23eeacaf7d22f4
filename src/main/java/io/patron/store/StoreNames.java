package io.patron.store;

/** The names stores and partners have in the shared tables: translated text entities and property owner kinds. */
final class StoreNames {

    private StoreNames() {
    }

    /** Entities of the translated texts. */
    static final String PARTNER_NAME = "partner.name";
    static final String STORE_NAME = "store.name";
    static final String STORE_SHORT_DESCRIPTION = "store.short_description";
    static final String STORE_DESCRIPTION = "store.description";
    static final String GROUP_NAME = "store_group.name";

    /** Owner kinds of property records. */
    static final String STORE_KIND = "store";
    static final String PARTNER_KIND = "partner";
}
