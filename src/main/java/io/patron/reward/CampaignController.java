package io.patron.reward;

import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;

import io.patron.api.ApiController;
import io.patron.api.ApiInterface;
import io.patron.api.Envelope;
import io.patron.api.Language;
import io.patron.api.ListParams;
import io.patron.api.OnlyIn;
import io.patron.reward.CampaignBodies.CampaignBody;
import io.patron.reward.CampaignBodies.CampaignProductBody;
import io.patron.reward.CampaignBodies.StoreRecordBody;

/** Campaigns and campaign products: read on both interfaces, created through the Enterprise API only. */
@ApiController
class CampaignController {

    private final CampaignQueries queries;
    private final CampaignService campaigns;

    CampaignController(CampaignQueries queries, CampaignService campaigns) {
        this.queries = queries;
        this.campaigns = campaigns;
    }

    @GetMapping("/campaigns")
    Envelope campaigns(ListParams params) {
        return Envelope.list("campaigns", queries.campaigns(params));
    }

    @OnlyIn(ApiInterface.ENTERPRISE)
    @PostMapping("/campaigns")
    @ResponseStatus(HttpStatus.CREATED)
    Envelope create(@Valid @RequestBody CampaignBody body) {
        return Envelope.field("campaign_id", campaigns.createCampaign(body.campaign()));
    }

    @GetMapping("/campaigns/{campaign_id}")
    Envelope campaign(@PathVariable("campaign_id") String id) {
        return Envelope.of(queries.campaign(id));
    }

    @GetMapping("/campaign-products")
    Envelope campaignProducts(ListParams params, Language language) {
        return Envelope.list("campaign_products", queries.campaignProducts(params, language));
    }

    @OnlyIn(ApiInterface.ENTERPRISE)
    @PostMapping("/campaign-products")
    @ResponseStatus(HttpStatus.CREATED)
    Envelope createProduct(@Valid @RequestBody CampaignProductBody body) {
        return Envelope.field("campaign_product_id", campaigns.createCampaignProduct(body.campaignProduct()));
    }

    @GetMapping("/campaign-products/{campaign_product_id}")
    Envelope campaignProduct(@PathVariable("campaign_product_id") String id, Language language) {
        return Envelope.of(queries.campaignProduct(id, language));
    }

    @GetMapping("/campaign-products/{campaign_product_id}/campaign-product-store-records")
    Envelope storeRecords(@PathVariable("campaign_product_id") String id, ListParams params) {
        return Envelope.list("campaign_product_store_records", queries.storeRecords(id, params));
    }

    @OnlyIn(ApiInterface.ENTERPRISE)
    @PostMapping("/campaign-products/{campaign_product_id}/campaign-product-store-records")
    @ResponseStatus(HttpStatus.CREATED)
    Envelope addStore(@PathVariable("campaign_product_id") String id, @Valid @RequestBody StoreRecordBody body) {
        return Envelope.field("campaign_product_store_record_id",
                campaigns.addStore(id, body.campaignProductStoreRecord()));
    }
}
