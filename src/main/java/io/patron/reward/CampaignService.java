package io.patron.reward;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.patron.api.ApiError;
import io.patron.api.InvalidParam;
import io.patron.api.Reason;
import io.patron.catalog.CatalogQueries;
import io.patron.common.Ids;
import io.patron.reference.CurrencyQueries;
import io.patron.reference.LookupKind;
import io.patron.reference.LookupQueries;
import io.patron.reward.CampaignBodies.CampaignInput;
import io.patron.reward.CampaignBodies.CampaignProductInput;
import io.patron.reward.CampaignBodies.StoreRecordInput;
import io.patron.store.StoreQueries;

/** Creates campaigns, campaign products and their store records, checking every reference they name. */
@Service
@Transactional
public class CampaignService {

    private final CampaignRepository repository;
    private final CatalogQueries catalog;
    private final CurrencyQueries currencies;
    private final LookupQueries lookups;
    private final StoreQueries stores;
    private final Clock clock;

    CampaignService(CampaignRepository repository, CatalogQueries catalog, CurrencyQueries currencies,
                    LookupQueries lookups, StoreQueries stores, Clock clock) {
        this.repository = repository;
        this.catalog = catalog;
        this.currencies = currencies;
        this.lookups = lookups;
        this.stores = stores;
        this.clock = clock;
    }

    /** {@code POST /campaigns}: a parent must be an existing campaign. New campaigns are active (state 1). */
    public String createCampaign(CampaignInput in) {
        return createCampaign(in, Ids.newId());
    }

    /** As {@link #createCampaign(CampaignInput)} with the given id (the demo's stable ids). */
    String createCampaign(CampaignInput in, String id) {
        if (in.parentId() != null && !repository.campaignExists(in.parentId())) {
            throw ApiError.badRequest("campaign.parent_id", Reason.NOT_FOUND, "No such campaign");
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        var c = repository.newCampaign();
        c.setId(id);
        c.setExternalId(in.externalId());
        c.setParentId(in.parentId());
        c.setName(in.name());
        c.setState(1);
        c.setCreatedAt(now);
        c.setLastChange(now);
        c.store();
        return c.getId();
    }

    /**
     * {@code POST /campaign-products}: the product, currency, campaign and customer type must exist; a percentage
     * (value type 1) is between 0 and 100, a final price (2) not negative; the validity ends after it starts.
     */
    public String createCampaignProduct(CampaignProductInput in) {
        return createCampaignProduct(in, Ids.newId());
    }

    /** As {@link #createCampaignProduct(CampaignProductInput)} with the given id (the demo's stable ids). */
    String createCampaignProduct(CampaignProductInput in, String id) {
        List<InvalidParam> errors = new ArrayList<>();
        if (catalog.productsNotDeleted(Set.of(in.productId())).isEmpty()) {
            errors.add(InvalidParam.of("campaign_product.product_id", Reason.NOT_FOUND, in.productId(),
                    "No such product"));
        }
        if (currencies.activeIds(Set.of(in.currencyId())).isEmpty()) {
            errors.add(InvalidParam.of("campaign_product.currency_id", Reason.NOT_FOUND, in.currencyId(),
                    "No such active currency"));
        }
        if (!repository.campaignExists(in.campaignId())) {
            errors.add(InvalidParam.of("campaign_product.campaign_id", Reason.NOT_FOUND, in.campaignId(),
                    "No such campaign"));
        }
        if (!lookups.exists(LookupKind.CUSTOMER_TYPES, in.typeId())) {
            errors.add(InvalidParam.of("campaign_product.type_id", Reason.NOT_FOUND, in.typeId(),
                    "No such customer type"));
        }
        BigDecimal value = in.value();
        if (value.signum() < 0 || (in.valueTypeId() == 1 && value.compareTo(BigDecimal.valueOf(100)) > 0)) {
            errors.add(InvalidParam.of("campaign_product.value", Reason.NOT_ALLOWED_VALUE, value,
                    in.valueTypeId() == 1 ? "A percentage is between 0 and 100" : "A final price is not negative"));
        } else if (value.scale() > 4 && value.setScale(4, RoundingMode.DOWN).compareTo(value) != 0) {
            errors.add(InvalidParam.of("campaign_product.value", Reason.INVALID_VALUE_FORMAT, value,
                    "At most 4 decimal places"));
        }
        if (in.validTo().isBefore(in.validFrom())) {
            errors.add(InvalidParam.of("campaign_product.valid_to", Reason.NOT_ALLOWED_VALUE,
                    "valid_to is before valid_from"));
        }
        if (!errors.isEmpty()) {
            throw ApiError.badRequest(errors);
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        var p = repository.newCampaignProduct();
        p.setId(id);
        p.setProductId(in.productId());
        p.setCurrencyId(in.currencyId());
        p.setCampaignId(in.campaignId());
        p.setCampaignValue(value.setScale(4, RoundingMode.UNNECESSARY));
        p.setValueTypeId(in.valueTypeId());
        p.setValidFrom(in.validFrom().atZone(clock.getZone()).toOffsetDateTime());
        p.setValidTo(in.validTo().atZone(clock.getZone()).toOffsetDateTime());
        List<String> places = in.displayIn() == null ? List.of() : in.displayIn().stream().distinct().toList();
        p.setDisplayIn(places.isEmpty() ? null : String.join(",", places));
        p.setTypeId(in.typeId());
        var data = in.presentationData();
        p.setName(data.name());
        p.setSubtitle(data.subtitle());
        p.setNote(data.note());
        p.setDescription(data.description());
        p.setImageUrl(data.imageUrl());
        p.setState(1);
        p.setCreatedAt(now);
        p.setLastChange(now);
        p.store();
        return p.getId();
    }

    /**
     * {@code POST /campaign-products/{id}/campaign-product-store-records}: limits the campaign product to the store
     * (with no record it is for every store). The body's campaign product must be the path's; a store at most once.
     */
    public String addStore(String campaignProductId, StoreRecordInput in) {
        if (!repository.lockCampaignProduct(campaignProductId)) {
            throw ApiError.notFound("campaign-products", campaignProductId);
        }
        List<InvalidParam> errors = new ArrayList<>();
        if (!campaignProductId.equals(in.campaignProductId())) {
            errors.add(InvalidParam.of("campaign_product_store_record.campaign_product_id", Reason.NOT_ALLOWED_VALUE,
                    in.campaignProductId(), "The body names another campaign product than the path"));
        }
        if (stores.existingStores(Set.of(in.storeId())).isEmpty()) {
            errors.add(InvalidParam.of("campaign_product_store_record.store_id", Reason.NOT_FOUND, in.storeId(),
                    "No such store"));
        } else if (repository.storeRecordExists(campaignProductId, in.storeId())) {
            errors.add(InvalidParam.of("campaign_product_store_record.store_id", Reason.RELATION_ALREADY_EXISTS,
                    in.storeId(), "The campaign product is already limited to this store"));
        }
        if (!errors.isEmpty()) {
            throw ApiError.badRequest(errors);
        }
        String id = Ids.newId();
        repository.insertStoreRecord(id, campaignProductId, in.storeId(), OffsetDateTime.now(clock));
        return id;
    }
}
