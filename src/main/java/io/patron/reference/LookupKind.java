package io.patron.reference;

import java.util.List;
import java.util.function.Function;

/**
 * A kind of lookup the API only reads. All kinds share the lookup table (id, text id, position,
 * last change) and a translated name, and are defined by a project file section named like the
 * list; they differ only in what the API calls their id and which of the shared columns it shows.
 * That difference is declared here, once per kind, so one reader and one importer serve them all.
 */
public final class LookupKind<R> {

    public record PaymentType(String paymentTypeId, String name, String lastChange) {
    }

    public record PurchaseType(String typeId, String textId, String name) {
    }

    public record PurchaseItemType(String typeId, String textId, String name) {
    }

    public record CustomerAddressType(String addressTypeId, String name, String lastChange) {
    }

    public record CommunicationChannel(String communicationChannelId, String name, String textId) {
    }

    public record CustomerType(String typeId, String name, String lastChange) {
    }

    public record CustomerRelationType(String customerRelationTypeId, String name, String lastChange, Integer state) {
    }

    public record Interest(String interestId, String name) {
    }

    public record Agreement(String agreementId, String name, String textId, String lastChange) {
    }

    /** A lookup row as read, before its kind shapes it into the API record. */
    record Row(String id, String textId, String name, String lastChange, Integer state) {
    }

    public static final LookupKind<PaymentType> PAYMENT_TYPES =
            new LookupKind<>("payment_type", "payment_types", "payment_type_id", false, true, false,
                    r -> new PaymentType(r.id(), r.name(), r.lastChange()));

    public static final LookupKind<PurchaseType> PURCHASE_TYPES =
            new LookupKind<>("purchase_type", "purchase_types", "type_id", true, false, true,
                    r -> new PurchaseType(r.id(), r.textId(), r.name()));

    public static final LookupKind<PurchaseItemType> PURCHASE_ITEM_TYPES =
            new LookupKind<>("purchase_item_type", "purchase_item_types", "type_id", true, false, true,
                    r -> new PurchaseItemType(r.id(), r.textId(), r.name()));

    public static final LookupKind<CustomerAddressType> CUSTOMER_ADDRESS_TYPES =
            new LookupKind<>("customer_address_type", "customer_address_types", "address_type_id", false, true, false,
                    r -> new CustomerAddressType(r.id(), r.name(), r.lastChange()));

    public static final LookupKind<CommunicationChannel> COMMUNICATION_CHANNELS =
            new LookupKind<>("communication_channel", "communication_channels", "communication_channel_id",
                    true, false, false, r -> new CommunicationChannel(r.id(), r.name(), r.textId()));

    public static final LookupKind<CustomerType> CUSTOMER_TYPES =
            new LookupKind<>("customer_type", "customer_types", "type_id", false, true, false,
                    r -> new CustomerType(r.id(), r.name(), r.lastChange()));

    public static final LookupKind<CustomerRelationType> CUSTOMER_RELATION_TYPES =
            new LookupKind<>("customer_relation_type", "customer_relation_types", "customer_relation_type_id",
                    false, true, false, r -> new CustomerRelationType(r.id(), r.name(), r.lastChange(), r.state()))
                    .showingState();

    public static final LookupKind<Interest> INTERESTS =
            new LookupKind<>("interest", "interests", "interest_id", false, false, false,
                    r -> new Interest(r.id(), r.name()))
                    .filteringByName();

    /** Consent definitions; customers give or withdraw them (custom agreements of the newsletter sign-up). */
    public static final LookupKind<Agreement> AGREEMENTS =
            new LookupKind<>("agreement", "agreements", "agreement_id", true, true, true,
                    r -> new Agreement(r.id(), r.name(), r.textId(), r.lastChange()));

    static final List<LookupKind<?>> ALL = List.of(PAYMENT_TYPES, PURCHASE_TYPES, PURCHASE_ITEM_TYPES,
            CUSTOMER_ADDRESS_TYPES, COMMUNICATION_CHANNELS, CUSTOMER_TYPES, CUSTOMER_RELATION_TYPES, INTERESTS,
            AGREEMENTS);

    private final String kind;
    private final String plural;
    private final String idField;
    private final boolean showsTextId;
    private final boolean showsLastChange;
    private final boolean filtersByTextId;
    private final Function<Row, R> shape;
    private boolean showsState;
    private boolean filtersByName;

    private LookupKind(String kind, String plural, String idField, boolean showsTextId, boolean showsLastChange,
                       boolean filtersByTextId, Function<Row, R> shape) {
        this.kind = kind;
        this.plural = plural;
        this.idField = idField;
        this.showsTextId = showsTextId;
        this.showsLastChange = showsLastChange;
        this.filtersByTextId = filtersByTextId;
        this.shape = shape;
    }

    /** Shows the lookup's state (0 deleted, 1 active, 2 inactive), which a project may set per item. */
    private LookupKind<R> showingState() {
        this.showsState = true;
        return this;
    }

    /** Accepts the {@code name} filter (case-insensitive, contains) on the translated name. */
    private LookupKind<R> filteringByName() {
        this.filtersByName = true;
        return this;
    }

    boolean showsState() {
        return showsState;
    }

    boolean filtersByName() {
        return filtersByName;
    }

    /** The value of {@code lookup.kind}. */
    String kind() {
        return kind;
    }

    /** The key of the list in a list body, and the name of the project file section. */
    String plural() {
        return plural;
    }

    /** The resource name in URLs and 404s, e.g. {@code payment-types}. */
    String resource() {
        return plural.replace('_', '-');
    }

    /** Where the names live in the translation table. */
    String nameEntity() {
        return kind + ".name";
    }

    String idField() {
        return idField;
    }

    boolean showsTextId() {
        return showsTextId;
    }

    boolean showsLastChange() {
        return showsLastChange;
    }

    boolean filtersByTextId() {
        return filtersByTextId;
    }

    R shape(Row row) {
        return shape.apply(row);
    }

    @Override
    public String toString() {
        return kind;
    }
}
