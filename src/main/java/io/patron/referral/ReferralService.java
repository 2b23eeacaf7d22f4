package io.patron.referral;

import static io.patron.db.Tables.REFERRAL;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;

import org.jooq.impl.DSL;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.patron.api.ApiError;
import io.patron.api.ApiRequest;
import io.patron.api.Caller;
import io.patron.api.CustomerScope;
import io.patron.api.CustomerWrites;
import io.patron.api.ListParams;
import io.patron.api.ListQueries;
import io.patron.api.Page;
import io.patron.card.CustomerDirectory;
import io.patron.common.Ids;

/**
 * A customer's referral codes: one per customer and campaign, made when the customer's codes of a running campaign
 * are first read. The first read takes the customer's row lock and looks again before it makes the code, so that
 * concurrent first reads (two app screens, two nodes) agree on one code; the unique keys back that up.
 */
@Service
@Transactional
public class ReferralService {

    /** How many fresh codes are tried before giving up (a collision is already rare at 30 random bits). */
    private static final int ATTEMPTS = 20;

    private final ReferralRepository repository;
    private final ListQueries lists;
    private final CustomerDirectory customers;
    private final CustomerWrites writes;
    private final Clock clock;

    ReferralService(ReferralRepository repository, ListQueries lists, CustomerDirectory customers,
                    CustomerWrites writes, Clock clock) {
        this.repository = repository;
        this.lists = lists;
        this.customers = customers;
        this.writes = writes;
        this.clock = clock;
    }

    /**
     * {@code GET /customers/{customer_id}/referrals}: the customer's code of the campaign named by
     * {@code referral_campaign_id}, or of the project's default campaign; an unknown campaign (or none by default)
     * has no codes. Filtered by {@code is_valid} (valid codes when left out) and {@code referral_code}.
     */
    public Page<ReferralBodies.Referral> referrals(String customerId, ListParams params) {
        Caller caller = ApiRequest.caller(params.request());
        CustomerScope.requireAccess(caller, customerId, "customer_id");
        if (!customers.exists(customerId)) {
            throw ApiError.notFound("customers", customerId);
        }
        String campaignId = params.filters().query().string("referral_campaign_id");
        Optional<ReferralRepository.Campaign> campaign = campaignId == null ? repository.defaultCampaign()
                : repository.campaign(campaignId);
        if (campaign.isEmpty()) {
            return lists.page(repository.spec(), params, DSL.falseCondition());
        }
        ReferralRepository.Campaign c = campaign.get();
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (c.running(now) && !repository.hasCode(customerId, c.id())) {
            writes.lockInPath(caller, customerId);
            if (!repository.hasCode(customerId, c.id())) {
                repository.insertCode(Ids.newId(), c.id(), customerId, freshCode(c), validTo(c, now), now);
            }
        }
        return lists.page(repository.spec(), params,
                REFERRAL.CUSTOMER_ID.eq(customerId).and(REFERRAL.CAMPAIGN_ID.eq(c.id())));
    }

    private String freshCode(ReferralRepository.Campaign c) {
        for (int i = 0; i < ATTEMPTS; i++) {
            String code = ReferralCodeFormat.newCode(c.prefix(), c.alphabet(), c.length());
            if (!repository.codeTaken(code)) {
                return code;
            }
        }
        throw new IllegalStateException("No free referral code of campaign " + c.id() + " after " + ATTEMPTS
                + " attempts: its codes need more random characters");
    }

    /** A new code's own expiry: the campaign's days after its creation (null: it lives as long as the campaign). */
    private static OffsetDateTime validTo(ReferralRepository.Campaign c, OffsetDateTime now) {
        return c.codeValidityDays() == null ? null : now.plusDays(c.codeValidityDays());
    }
}
