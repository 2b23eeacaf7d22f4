package io.patron.reward;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;

import io.patron.api.ApiController;
import io.patron.api.ApiInterface;
import io.patron.api.Caller;
import io.patron.api.Envelope;
import io.patron.api.Language;
import io.patron.api.ListParams;
import io.patron.api.OnlyIn;
import io.patron.api.QueryParams;

/**
 * Rewards, reward types, tags and properties; vouchers, their properties and actions; a customer's vouchers,
 * rewards and reward recommendations.
 */
@ApiController
class RewardController {

    private final RewardQueries queries;
    private final RewardService rewards;
    private final VoucherService vouchers;

    RewardController(RewardQueries queries, RewardService rewards, VoucherService vouchers) {
        this.queries = queries;
        this.rewards = rewards;
        this.vouchers = vouchers;
    }

    // --- rewards ---------------------------------------------------------------------------------

    @GetMapping("/rewards")
    Envelope rewards(ListParams params, Language language) {
        return Envelope.list("rewards", queries.rewards(params, language));
    }

    @GetMapping("/rewards/{reward_id}")
    Envelope reward(@PathVariable("reward_id") String id, Language language) {
        return Envelope.of(queries.reward(id, language));
    }

    @GetMapping("/rewards/{reward_id}/vouchers")
    Envelope rewardVouchers(@PathVariable("reward_id") String id, ListParams params, Language language) {
        return Envelope.list("vouchers", queries.rewardVouchers(id, params, language));
    }

    @GetMapping("/rewards/{reward_id}/products")
    Envelope products(@PathVariable("reward_id") String id, ListParams params, Language language) {
        return Envelope.list("products", queries.products(id, params, language));
    }

    @GetMapping("/rewards/{reward_id}/product-groups")
    Envelope productGroups(@PathVariable("reward_id") String id, ListParams params, Language language) {
        return Envelope.list("product_groups", queries.productGroups(id, params, language));
    }

    @GetMapping("/rewards/{reward_id}/product-brands")
    Envelope productBrands(@PathVariable("reward_id") String id, ListParams params, Language language) {
        return Envelope.list("product_brands", queries.productBrands(id, params, language));
    }

    @GetMapping("/rewards/{reward_id}/stores")
    Envelope stores(@PathVariable("reward_id") String id, ListParams params, Language language) {
        return Envelope.list("stores", queries.stores(id, params, language));
    }

    @GetMapping("/rewards/tags")
    Envelope tags(ListParams params, Language language) {
        return Envelope.list("tags", queries.tags(params, language));
    }

    @PostMapping("/rewards/{reward_id}/actions/create-voucher")
    @ResponseStatus(HttpStatus.CREATED)
    Envelope createVoucher(@PathVariable("reward_id") String id, @Valid @RequestBody RewardBodies.NewVoucher body,
                           Caller caller) {
        return Envelope.of(new RewardBodies.CreatedVoucher(vouchers.createVoucher(caller, id, body)));
    }

    @PostMapping("/rewards/{reward_id}/actions/create-custom-voucher")
    @ResponseStatus(HttpStatus.CREATED)
    Envelope createCustomVoucher(@PathVariable("reward_id") String id,
                                 @Valid @RequestBody RewardBodies.NewCustomVoucher body, Caller caller) {
        return Envelope.of(new RewardBodies.CreatedVoucher(vouchers.createCustomVoucher(caller, id, body)));
    }

    @OnlyIn(ApiInterface.ENTERPRISE)
    @PostMapping("/rewards/{reward_id}/actions/set-products")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void setProducts(@PathVariable("reward_id") String id, @Valid @RequestBody RewardBodies.SetProducts body) {
        rewards.setProducts(id, body);
    }

    @GetMapping("/rewards/actions/reward-recommendations")
    Envelope recommendations(ListParams params, Language language, HttpServletRequest request) {
        return Envelope.list("rewards", queries.recommendations(new QueryParams(request).string("customer_id"),
                false, params, language));
    }

    @OnlyIn(ApiInterface.ENTERPRISE)
    @PostMapping("/rewards/actions/create-simple-reward")
    @ResponseStatus(HttpStatus.CREATED)
    Envelope createSimpleReward(@Valid @RequestBody RewardBodies.NewSimpleReward body) {
        return Envelope.of(new RewardBodies.CreatedReward(rewards.createSimple(body.simpleReward())));
    }

    // --- reward types and properties -------------------------------------------------------------

    @GetMapping("/reward-types")
    Envelope rewardTypes(ListParams params, Language language) {
        return Envelope.list("reward_types", queries.types(params, language));
    }

    @GetMapping("/reward-types/{reward_type_id}")
    Envelope rewardType(@PathVariable("reward_type_id") String id, Language language) {
        return Envelope.of(queries.type(id, language));
    }

    @GetMapping("/reward-properties")
    Envelope rewardProperties(ListParams params, Language language) {
        return Envelope.list("rewards_properties", queries.rewardProperties(params, language));
    }

    @GetMapping("/reward-properties/{reward_property_id}")
    Envelope rewardProperty(@PathVariable("reward_property_id") String id, Language language) {
        return Envelope.of(queries.rewardProperty(id, language));
    }

    // --- vouchers --------------------------------------------------------------------------------

    @GetMapping("/vouchers")
    Envelope vouchers(ListParams params, Language language) {
        return Envelope.list("vouchers", queries.vouchers(params, language));
    }

    @GetMapping("/vouchers/{voucher_id}")
    Envelope voucher(@PathVariable("voucher_id") String id, Caller caller, Language language) {
        return Envelope.of(queries.voucher(caller, id, language));
    }

    @PutMapping("/vouchers/{voucher_id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void replace(@PathVariable("voucher_id") String id, @Valid @RequestBody RewardBodies.VoucherChange body,
                 Caller caller) {
        vouchers.replace(caller, id, body.voucher());
    }

    @DeleteMapping("/vouchers/{voucher_id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable("voucher_id") String id, Caller caller) {
        vouchers.delete(caller, id);
    }

    @GetMapping("/vouchers/{voucher_id}/property-records")
    Envelope voucherPropertyRecords(@PathVariable("voucher_id") String id, ListParams params, Caller caller,
                                    Language language) {
        return Envelope.list("property_records", queries.voucherPropertyRecords(caller, id, params, language));
    }

    @PostMapping("/vouchers/{voucher_id}/actions/apply-voucher")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void apply(@PathVariable("voucher_id") String id, @Valid @RequestBody RewardBodies.ApplyVoucher body,
               Caller caller) {
        vouchers.apply(caller, id, body);
    }

    @PostMapping("/vouchers/actions/gift-card-balance")
    Envelope giftCardBalance(@Valid @RequestBody RewardBodies.GiftCardQuery body, Caller caller) {
        return Envelope.of(vouchers.giftCardBalance(caller, body));
    }

    /** The outcome is thrown only here, after the commit: with error_processing=2 the good records stay. */
    @OnlyIn(ApiInterface.ENTERPRISE)
    @PostMapping("/vouchers/batch")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void batch(@Valid @RequestBody RewardBodies.VoucherBatch body) {
        vouchers.batch(body).throwIfAnyFailed();
    }

    @GetMapping("/voucher-properties")
    Envelope voucherProperties(ListParams params, Language language) {
        return Envelope.list("voucher_properties", queries.voucherProperties(params, language));
    }

    @GetMapping("/voucher-properties/{voucher_property_id}")
    Envelope voucherProperty(@PathVariable("voucher_property_id") String id, Language language) {
        return Envelope.of(queries.voucherProperty(id, language));
    }

    // --- a customer's --------------------------------------------------------------------------

    @GetMapping("/customers/{customer_id}/vouchers")
    Envelope customerVouchers(@PathVariable("customer_id") String id, ListParams params, Language language) {
        return Envelope.list("vouchers", queries.customerVouchers(id, params, language));
    }

    @GetMapping("/customers/{customer_id}/rewards")
    Envelope customerRewards(@PathVariable("customer_id") String id, ListParams params, Language language) {
        return Envelope.list("rewards", queries.customerRewards(id, params, language));
    }

    @GetMapping("/customers/{customer_id}/reward-recommendations")
    Envelope customerRecommendations(@PathVariable("customer_id") String id, ListParams params, Language language) {
        return Envelope.list("rewards", queries.recommendations(id, true, params, language));
    }
}
