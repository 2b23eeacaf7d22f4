package io.patron.reward;

import java.util.List;

import org.springframework.stereotype.Component;

import io.patron.common.Ids;
import io.patron.config.ProjectFile;
import io.patron.config.ProjectImport;
import io.patron.customer.CustomerService;

/**
 * Imports the {@code demo_vouchers} section: vouchers of the named rewards (by code) for the first demo customers
 * (by email domain), issued as automation would issue them. A customer who already has a voucher of the reward is
 * left alone, so importing again writes nothing.
 * <pre>
 * demo_vouchers:
 *   - email_domain: demo.patron.local
 *     customers: 20
 *     rewards: [ RUN-SOCKS, SPRING15 ]
 * </pre>
 */
@Component
class RewardDemoImport implements ProjectImport {

    record Description(String emailDomain, Integer customers, List<String> rewards) {
    }

    private final VoucherService vouchers;
    private final RewardRepository repository;
    private final CustomerService customers;

    RewardDemoImport(VoucherService vouchers, RewardRepository repository, CustomerService customers) {
        this.vouchers = vouchers;
        this.repository = repository;
        this.customers = customers;
    }

    /** After the demo customers (20) and the rewards (110). */
    @Override
    public int order() {
        return 320;
    }

    @Override
    public void apply(ProjectFile file) {
        for (Description d : file.section("demo_vouchers", Description.class)) {
            List<String> ids = customers.idsByEmailDomain(d.emailDomain(), d.customers() == null ? 10 : d.customers());
            for (String code : d.rewards() == null ? List.<String>of() : d.rewards()) {
                String rewardId = repository.rewardByCode(code).map(RewardRepository.RewardRow::id)
                        .orElseThrow(() -> new IllegalStateException("demo_vouchers of " + file.location()
                                + ": no reward " + code + " (" + Ids.stable("reward", code) + ")"));
                for (String customerId : ids) {
                    if (repository.vouchersIssued(rewardId, customerId) == 0) {
                        vouchers.issue(customerId, rewardId, "demo");
                    }
                }
            }
        }
    }
}
