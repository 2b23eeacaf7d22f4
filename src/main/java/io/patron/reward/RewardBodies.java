package io.patron.reward;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import io.patron.api.OneOf;
import io.patron.catalog.PluId;
import io.patron.catalog.Product;
import io.patron.catalog.ProductBrand;
import io.patron.catalog.ProductGroup;
import io.patron.property.PropertyService.PropertyRecord;
import io.patron.store.StoreQueries.Store;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Request and response bodies of rewards, reward types and tags, and vouchers. */
public final class RewardBodies {

    private RewardBodies() {
    }

    // --- answers ---------------------------------------------------------------------------------

    /** A reward as the API shows it. */
    public record Reward(String rewardId, String code, String name, String note, String subtitle,
                         BigDecimal pointsCost, LocalTime validTimeFrom, LocalTime validTimeTo, Integer rewardGroup,
                         String rewardTypeId, List<Store> storeList, List<PropertyRecord> additionalProperties,
                         Integer priority, List<String> imageUrls, String rewardExternalUrl,
                         Boolean hasProductCondition, Boolean hasGroupCondition, Boolean hasBrandCondition,
                         Boolean hasProductBonus, Boolean hasGroupBonus, Boolean hasBrandBonus,
                         List<Relation> rewardProductRelationConditions, List<Relation> rewardProductRelationBonuses,
                         Boolean isAutomated, List<Tag> tags, LocalDateTime lastChange, Integer state) {
    }

    /** A condition or bonus of a reward: on what, how many, which unit price. */
    public record Relation(String relatedTo, Integer count, BigDecimal minPrice, BigDecimal maxPrice) {
    }

    public record Tag(String tagId, String name, String textId, Integer state, LocalDateTime lastChange) {
    }

    public record RewardTypeInfo(String rewardTypeId, String name, LocalDateTime lastChange) {
    }

    /** A customer's voucher as the API shows it. */
    public record Voucher(String voucherId, String customerId, String storeId, String code, BigDecimal value,
                          LocalDateTime appliedDate, LocalDateTime validFrom, LocalDateTime validTo,
                          String rewardGroup, String note, Reward reward, LocalDateTime createdAt,
                          LocalDateTime lastChange, Integer state) {

        Voucher with(Reward full) {
            return new Voucher(voucherId, customerId, storeId, code, value, appliedDate, validFrom, validTo,
                    rewardGroup, note, full, createdAt, lastChange, state);
        }
    }

    public record GiftCardBalance(String voucherId, BigDecimal currentBalance, BigDecimal originalBalance) {
    }

    public record RewardProduct(@JsonUnwrapped Product product, Integer minimumNumberOfProducts,
                                List<String> rewardProductRelationTypes) {
    }

    public record RewardProductGroup(@JsonUnwrapped ProductGroup productGroup,
                                     List<String> rewardProductRelationTypes) {
    }

    public record RewardProductBrand(@JsonUnwrapped ProductBrand productBrand,
                                     List<String> rewardProductRelationTypes) {
    }

    public record CreatedVoucher(String voucherId) {
    }

    public record CreatedReward(String rewardId) {
    }

    // --- requests --------------------------------------------------------------------------------

    public record NewVoucher(@NotBlank String customerId, String code, String note) {
    }

    public record NewCustomVoucher(@NotBlank String customerId, @NotNull BigDecimal value, String code,
                                   String note) {
    }

    /** The voucher of {@code PUT /vouchers/{id}}; read-only fields sent are ignored. */
    public record VoucherInput(@NotBlank String customerId, String storeId, String code, BigDecimal value,
                               LocalDateTime appliedDate, LocalDateTime validFrom, LocalDateTime validTo,
                               String note) {
    }

    public record VoucherChange(@NotNull @Valid VoucherInput voucher) {
    }

    public record ApplyVoucher(String storeId, @NotNull LocalDateTime dateApplied) {
    }

    public record GiftCardQuery(String voucherId, String code) {
    }

    public record BatchVoucher(@NotBlank String rewardId, @NotBlank String customerId, String storeId, String code,
                               BigDecimal value, LocalDateTime appliedDate, LocalDateTime validFrom,
                               LocalDateTime validTo, String note) {
    }

    public record VoucherBatch(@NotNull @Size(max = 1000) List<@Valid @NotNull BatchVoucher> vouchers,
                               Integer errorProcessing) {
    }

    public record ProductLink(String productId, PluId pluId,
                              @NotNull @OneOf({"0", "1"}) Integer rewardProductRelationType) {
    }

    public record SetProducts(@NotNull @Size(max = 1000) List<@Valid @NotNull ProductLink> products) {
    }

    public record TextTranslation(String languageCode, String text) {
    }

    public record UrlVariant(String languageCode, String url) {
    }

    public record StoreRef(@NotBlank String storeId) {
    }

    public record SegmentRef(@NotBlank String segmentId) {
    }

    public record TagRef(String tagId) {
    }

    public record SimpleReward(@NotBlank String code,
                               @NotNull @Size(max = 1000) List<@Valid @NotNull TextTranslation> names,
                               @Size(max = 1000) List<@Valid @NotNull TextTranslation> notes,
                               @Size(max = 1000) List<@Valid @NotNull TextTranslation> subtitles,
                               BigDecimal pointsCost, LocalDate validDateFrom, LocalDate validDateTo,
                               @NotBlank String rewardTypeId, @NotNull BigDecimal rewardTypeValue,
                               BigDecimal maximumDiscountValue, BigDecimal minimumPurchaseValue,
                               @Size(max = 1000) List<@Valid @NotNull StoreRef> stores,
                               @Size(max = 1000) List<@Valid @NotNull SegmentRef> segments,
                               @OneOf({"1", "2", "3", "4", "5", "6", "7", "8", "9"}) Integer priority,
                               @Size(max = 1000) List<@Valid @NotNull UrlVariant> imageUrls,
                               @Size(max = 1000) List<@Valid @NotNull UrlVariant> rewardExternalUrls,
                               @Size(max = 1000) List<@Valid @NotNull TagRef> tags,
                               @NotNull Boolean globalReward, String partnerId,
                               @NotBlank @OneOf({"interval", "end_of_time_unit", "reward_validity"})
                               String voucherValidity,
                               String voucherValidityValue,
                               @NotBlank @OneOf({"A", "M"}) String voucherCodeGenerationPreference,
                               Boolean isPortable,
                               @NotNull @OneOf({"1", "2"}) Integer state) {
    }

    public record NewSimpleReward(@NotNull @Valid SimpleReward simpleReward) {
    }
}
