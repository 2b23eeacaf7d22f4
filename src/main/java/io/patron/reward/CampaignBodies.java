package io.patron.reward;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import io.patron.api.OneOf;
import io.patron.property.PropertyService.PropertyRecord;

/** Request and response bodies of campaigns, campaign products and their store records. */
public final class CampaignBodies {

    private CampaignBodies() {
    }

    /** A campaign; {@code idcampaign} is the contract's deprecated copy of {@code campaign_id}. */
    public record Campaign(String idcampaign, String campaignId, String externalId, String parentId, String name,
                           LocalDateTime lastChange, Integer state) {
    }

    public record CampaignInput(String externalId, String parentId, @NotBlank String name) {
    }

    public record CampaignBody(@NotNull @Valid CampaignInput campaign) {
    }

    public record PresentationData(@NotBlank String name, String subtitle, String note, String description,
                                   String imageUrl) {
    }

    public record CampaignProduct(String campaignProductId, String productId, String currencyId, String campaignId,
                                  BigDecimal value, Integer valueTypeId, LocalDateTime validFrom,
                                  LocalDateTime validTo, List<String> displayIn, String typeId,
                                  PresentationData presentationData,
                                  List<PropertyRecord> campaignProductPropertyRecords, LocalDateTime lastChange,
                                  Integer state) {
        CampaignProduct withPropertyRecords(List<PropertyRecord> records) {
            return new CampaignProduct(campaignProductId, productId, currencyId, campaignId, value, valueTypeId,
                    validFrom, validTo, displayIn, typeId, presentationData, records, lastChange, state);
        }
    }

    /** The display places the contract names for campaign products. */
    public static final List<String> DISPLAY_PLACES = List.of("web", "cash desk", "api");

    public record CampaignProductInput(@NotBlank String productId, @NotBlank String currencyId,
                                       @NotBlank String campaignId, @NotNull BigDecimal value,
                                       @NotNull @OneOf({"1", "2"}) Integer valueTypeId,
                                       @NotNull LocalDateTime validFrom, @NotNull LocalDateTime validTo,
                                       List<@NotNull @OneOf({"web", "cash desk", "api"}) String> displayIn,
                                       @NotBlank String typeId, @NotNull @Valid PresentationData presentationData) {
    }

    public record CampaignProductBody(@NotNull @Valid CampaignProductInput campaignProduct) {
    }

    public record StoreRecord(String campaignProductStoreRecordId, String storeId, String campaignProductId) {
    }

    public record StoreRecordInput(@NotBlank String storeId, @NotBlank String campaignProductId) {
    }

    public record StoreRecordBody(@NotNull @Valid StoreRecordInput campaignProductStoreRecord) {
    }
}
