package io.patron.reference;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A kind of lookup the API only reads. All kinds share the lookup table (id, text id, position,
 * last change) and a translated name, and are defined by a project file section named like the
 * list; they differ only in what the API calls their id, which of the shared columns it shows and
 * whether it has further texts or a communication channel. That difference is declared here, once per
 * kind, so one reader and one importer serve them all.
 */
public final class LookupKind<R> {

    public record PaymentType(String paymentTypeId, String name, LocalDateTime lastChange) {
    }

    public record PurchaseType(String typeId, String textId, String name) {
    }

    public record PurchaseItemType(String typeId, String textId, String name) {
    }

    public record CustomerAddressType(String addressTypeId, String name, LocalDateTime lastChange) {
    }

    public record CommunicationChannel(String communicationChannelId, String name, String textId) {
    }

    public record CustomerType(String typeId, String name, LocalDateTime lastChange) {
    }

    public record CustomerRelationType(String customerRelationTypeId, String name, LocalDateTime lastChange, Integer state) {
    }

    public record Interest(String interestId, String name) {
    }

    public record Agreement(String agreementId, String name, String text, String withdrawalText,
                            String communicationChannelId, String textId, LocalDateTime lastChange) {
    }

    /** A lookup row as read, before its kind shapes it into the API record. */
    record Row(String id, String textId, String name, LocalDateTime lastChange, Integer state, Map<String, String> texts,
               String communicationChannelId) {

        /** One of the kind's further translated texts, in the request's language (null when the item has none). */
        String text(String field) {
            return texts.get(field);
        }
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

    /**
     * Consent definitions, the three standard consents among them; customers give or withdraw them. Each has the
     * texts a consent screen shows and may name the communication channel it covers.
     */
    public static final LookupKind<Agreement> AGREEMENTS =
            new LookupKind<>("agreement", "agreements", "agreement_id", true, true, true,
                    r -> new Agreement(r.id(), r.name(), r.text("text"), r.text("withdrawal_text"),
                            r.communicationChannelId(), r.textId(), r.lastChange()))
                    .withTexts("text", "withdrawal_text")
                    .withCommunicationChannel();

    /** In import order: a kind that refers to another (agreements to channels) comes after it. */
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
    private List<String> texts = List.of();
    private boolean hasCommunicationChannel;

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

    /** Further translated texts besides the name, by API field name (each an optional field of the project file). */
    private LookupKind<R> withTexts(String... fields) {
        this.texts = List.of(fields);
        return this;
    }

    /**
     * Names a communication channel ({@code communication_channel_id}, filterable); the project file names it by
     * the channel's text id.
     */
    private LookupKind<R> withCommunicationChannel() {
        this.hasCommunicationChannel = true;
        return this;
    }

    List<String> texts() {
        return texts;
    }

    /** Where one of the further texts lives in the translation table. */
    String textEntity(String field) {
        return kind + "." + field;
    }

    boolean hasCommunicationChannel() {
        return hasCommunicationChannel;
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
