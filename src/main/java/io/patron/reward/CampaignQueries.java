package io.patron.reward;

import static io.patron.api.Filters.CONTAINS;
import static io.patron.api.Filters.EQ;
import static io.patron.db.Tables.CAMPAIGN;
import static io.patron.db.Tables.CAMPAIGN_PRODUCT;
import static io.patron.db.Tables.CAMPAIGN_PRODUCT_STORE;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.jooq.Condition;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.patron.api.ApiError;
import io.patron.api.ApiTime;
import io.patron.api.Filters;
import io.patron.api.InvalidParam;
import io.patron.api.Language;
import io.patron.api.ListParams;
import io.patron.api.ListQueries;
import io.patron.api.ListSpec;
import io.patron.api.Page;
import io.patron.api.QueryParams;
import io.patron.api.Reason;
import io.patron.catalog.CatalogQueries;
import io.patron.property.PropertyService;
import io.patron.reward.CampaignBodies.Campaign;
import io.patron.reward.CampaignBodies.CampaignProduct;
import io.patron.reward.CampaignBodies.PresentationData;
import io.patron.reward.CampaignBodies.StoreRecord;

/** Reads of campaigns, campaign products and their store records. */
@Service
@Transactional(readOnly = true)
public class CampaignQueries {

    /** The owner kind of campaign products' property records. */
    static final String PROPERTY_KIND = "campaign_product";

    private final ListQueries lists;
    private final PropertyService properties;
    private final CatalogQueries catalog;
    private final Clock clock;

    CampaignQueries(ListQueries lists, PropertyService properties, CatalogQueries catalog, Clock clock) {
        this.lists = lists;
        this.catalog = catalog;
        this.properties = properties;
        this.clock = clock;
    }

    private ListSpec<Campaign> campaignSpec() {
        return ListSpec.<Campaign>from(CAMPAIGN)
                .id("campaign_id", CAMPAIGN.ID)
                .field("external_id", CAMPAIGN.EXTERNAL_ID, EQ)
                .field("parent_id", CAMPAIGN.PARENT_ID)
                .field("name", CAMPAIGN.NAME, CONTAINS)
                .field("last_change", ApiTime.local(CAMPAIGN.LAST_CHANGE, clock))
                .field("state", CAMPAIGN.STATE)
                .map(r -> new Campaign(r.get("campaign_id", String.class), r.get("campaign_id", String.class),
                        r.get("external_id", String.class), r.get("parent_id", String.class),
                        r.get("name", String.class), r.get("last_change", LocalDateTime.class),
                        r.get("state", Integer.class)));
    }

    /** {@code GET /campaigns}: deleted campaigns (state 0) are not listed. */
    public Page<Campaign> campaigns(ListParams params) {
        return lists.page(campaignSpec(), params, CAMPAIGN.STATE.ne(0));
    }

    public Campaign campaign(String id) {
        return lists.one(campaignSpec(), CAMPAIGN.ID.eq(id)).orElseThrow(() -> ApiError.notFound("campaigns", id));
    }

    private ListSpec<CampaignProduct> productSpec() {
        return ListSpec.<CampaignProduct>from(CAMPAIGN_PRODUCT)
                .id("campaign_product_id", CAMPAIGN_PRODUCT.ID)
                .field("product_id", CAMPAIGN_PRODUCT.PRODUCT_ID)
                .field("currency_id", CAMPAIGN_PRODUCT.CURRENCY_ID)
                .field("campaign_id", CAMPAIGN_PRODUCT.CAMPAIGN_ID, EQ)
                .field("value", CAMPAIGN_PRODUCT.CAMPAIGN_VALUE)
                .field("value_type_id", CAMPAIGN_PRODUCT.VALUE_TYPE_ID, Filters.oneOf(1, 2))
                .field("valid_from", ApiTime.local(CAMPAIGN_PRODUCT.VALID_FROM, clock))
                .field("valid_to", ApiTime.local(CAMPAIGN_PRODUCT.VALID_TO, clock))
                .field("display_in", CAMPAIGN_PRODUCT.DISPLAY_IN)
                .field("type_id", CAMPAIGN_PRODUCT.TYPE_ID)
                .field("last_change", ApiTime.local(CAMPAIGN_PRODUCT.LAST_CHANGE, clock))
                .field("state", CAMPAIGN_PRODUCT.STATE)
                .column("name", CAMPAIGN_PRODUCT.NAME)
                .column("subtitle", CAMPAIGN_PRODUCT.SUBTITLE)
                .column("note", CAMPAIGN_PRODUCT.NOTE)
                .column("description", CAMPAIGN_PRODUCT.DESCRIPTION)
                .column("image_url", CAMPAIGN_PRODUCT.IMAGE_URL)
                .sortableOnly("campaign_product_id", "product_id", "currency_id", "campaign_id", "value",
                        "value_type_id", "valid_from", "valid_to", "type_id", "last_change", "state")
                .filter("name", CAMPAIGN_PRODUCT.NAME, CONTAINS)
                .filter("code", code -> catalog.productHasCode(CAMPAIGN_PRODUCT.PRODUCT_ID, code))
                .filterIn("type_id", CAMPAIGN_PRODUCT.TYPE_ID::in)
                .filter("store_id", store -> storeCondition(store))
                .filter("display_in", place -> DSL.concat(DSL.val(","), CAMPAIGN_PRODUCT.DISPLAY_IN, DSL.val(","))
                        .contains("," + place + ","))
                .map(r -> new CampaignProduct(r.get("campaign_product_id", String.class),
                        r.get("product_id", String.class), r.get("currency_id", String.class),
                        r.get("campaign_id", String.class), plain(r.get("value", BigDecimal.class)),
                        r.get("value_type_id", Integer.class), r.get("valid_from", LocalDateTime.class),
                        r.get("valid_to", LocalDateTime.class), places(r.get("display_in", String.class)),
                        r.get("type_id", String.class),
                        new PresentationData(r.get("name", String.class), r.get("subtitle", String.class),
                                r.get("note", String.class), r.get("description", String.class),
                                r.get("image_url", String.class)),
                        null, r.get("last_change", LocalDateTime.class), r.get("state", Integer.class)));
    }

    /** A campaign product without store records is for every store. */
    static Condition storeCondition(String storeId) {
        return DSL.notExists(DSL.selectOne().from(CAMPAIGN_PRODUCT_STORE)
                        .where(CAMPAIGN_PRODUCT_STORE.CAMPAIGN_PRODUCT_ID.eq(CAMPAIGN_PRODUCT.ID)))
                .or(DSL.exists(DSL.selectOne().from(CAMPAIGN_PRODUCT_STORE)
                        .where(CAMPAIGN_PRODUCT_STORE.CAMPAIGN_PRODUCT_ID.eq(CAMPAIGN_PRODUCT.ID))
                        .and(CAMPAIGN_PRODUCT_STORE.STORE_ID.eq(storeId))));
    }

    /**
     * {@code GET /campaign-products}: besides the field filters, {@code name} (of the presentation data),
     * {@code code} (of the product), {@code type_id[]}, {@code store_id} (a product for every store or that store),
     * {@code display_in}, {@code is_valid} (now within the validity), {@code valid_from}/{@code valid_to} (validity
     * overlapping the range) and {@code include_property_records}.
     */
    public Page<CampaignProduct> campaignProducts(ListParams params, Language language) {
        Filters filters = params.filters();
        QueryParams query = filters.query();
        List<InvalidParam> errors = new ArrayList<>();
        Boolean valid = query.bool("is_valid", errors);
        Boolean include = query.bool("include_property_records", errors);
        LocalDateTime from = dateTime(query, "valid_from", errors);
        LocalDateTime to = dateTime(query, "valid_to", errors);
        String place = query.string("display_in");
        if (place != null && !CampaignBodies.DISPLAY_PLACES.contains(place)) {
            errors.add(InvalidParam.of("display_in", Reason.NOT_ALLOWED_VALUE, place,
                    "display_in must be one of " + CampaignBodies.DISPLAY_PLACES));
        }
        errors.forEach(filters::error);
        filters.condition();
        Condition where = DSL.noCondition();
        OffsetDateTime now = OffsetDateTime.now(clock);
        Condition inRange = CAMPAIGN_PRODUCT.VALID_FROM.le(now).and(CAMPAIGN_PRODUCT.VALID_TO.ge(now));
        if (valid != null) {
            where = where.and(valid ? inRange : DSL.not(inRange));
        }
        if (from != null) {
            where = where.and(CAMPAIGN_PRODUCT.VALID_TO.ge(from.atZone(clock.getZone()).toOffsetDateTime()));
        }
        if (to != null) {
            where = where.and(CAMPAIGN_PRODUCT.VALID_FROM.le(to.atZone(clock.getZone()).toOffsetDateTime()));
        }
        Page<CampaignProduct> page = lists.page(productSpec(), params, where);
        return Boolean.TRUE.equals(include) ? new Page<>(withRecords(page.items(), language), page.totalItems())
                : page;
    }

    public CampaignProduct campaignProduct(String id, Language language) {
        CampaignProduct product = lists.one(productSpec(), CAMPAIGN_PRODUCT.ID.eq(id))
                .orElseThrow(() -> ApiError.notFound("campaign-products", id));
        return withRecords(List.of(product), language).getFirst();
    }

    private List<CampaignProduct> withRecords(List<CampaignProduct> items, Language language) {
        if (items.isEmpty()) {
            return items;
        }
        Map<String, List<PropertyService.PropertyRecord>> records = properties.recordsOf(PROPERTY_KIND,
                items.stream().map(CampaignProduct::campaignProductId).toList(), language);
        return items.stream().map(p -> p.withPropertyRecords(records.getOrDefault(p.campaignProductId(), List.of())))
                .toList();
    }

    private ListSpec<StoreRecord> storeSpec() {
        return ListSpec.<StoreRecord>from(CAMPAIGN_PRODUCT_STORE)
                .id("campaign_product_store_record_id", CAMPAIGN_PRODUCT_STORE.ID)
                .field("store_id", CAMPAIGN_PRODUCT_STORE.STORE_ID)
                .field("campaign_product_id", CAMPAIGN_PRODUCT_STORE.CAMPAIGN_PRODUCT_ID)
                .map(r -> new StoreRecord(r.get("campaign_product_store_record_id", String.class),
                        r.get("store_id", String.class), r.get("campaign_product_id", String.class)));
    }

    /** {@code GET /campaign-products/{id}/campaign-product-store-records}: 404 for an unknown campaign product. */
    public Page<StoreRecord> storeRecords(String campaignProductId, ListParams params) {
        if (lists.one(productSpec(), CAMPAIGN_PRODUCT.ID.eq(campaignProductId)).isEmpty()) {
            throw ApiError.notFound("campaign-products", campaignProductId);
        }
        return lists.page(storeSpec(), params, CAMPAIGN_PRODUCT_STORE.CAMPAIGN_PRODUCT_ID.eq(campaignProductId));
    }

    static List<String> places(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
    }

    static BigDecimal plain(BigDecimal value) {
        if (value == null) {
            return null;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    private LocalDateTime dateTime(QueryParams query, String param, List<InvalidParam> errors) {
        String text = query.string(param);
        if (text == null) {
            return null;
        }
        try {
            return ApiTime.parseDateTime(text, clock.getZone());
        } catch (DateTimeException e) {
            errors.add(InvalidParam.of(param, Reason.INVALID_VALUE_FORMAT, text, ApiTime.DATE_TIME_FORMS));
            return null;
        }
    }
}
