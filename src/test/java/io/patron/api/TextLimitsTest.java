package io.patron.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.patron.support.ApiTest;
import io.patron.support.TestDatabase;

/**
 * The text limits fit the schema: every text column named like an API field or parameter is at least as
 * wide as that name's limit in {@link TextLimits}, so a value that passes the limit never reaches the database
 * too long. Runs against the migrated schema, so a new column is checked as soon as its migration exists.
 */
class TextLimitsTest extends ApiTest {

    /**
     * Columns no API field of the same name writes: keys and hashes Patron computes, values it derives, and
     * lookups only the project file fills (their API fields are references, checked to exist).
     */
    private static final Set<String> NOT_WRITTEN_FROM_A_FIELD_OF_THEIR_NAME = Set.of(
            "id", "token_hash", "request_hash", "password_hash", "login_key", "email_key", "open_key", "secret",
            "unique_key", "value_json", "owner_kind", "owner_id", "data_type", "entity", "entity_id", "kind",
            "api_interface", "file_type", "extension", "opening", "image_urls", "application_id",
            "external_application_id", "user_id", "user_role_id", "customer_source_id", "related_customer_id",
            "currency_id", "product_id", "tag_id", "brand_id", "group_id", "parent_id", "store_group_id",
            "resource_record_id", "version", "description", "script", "installed_by", "type", "checksum",
            "event_type_id", "event_group_id", "automation_scenario.trigger_kind",
            // filled from the project file only; the API reads them
            "currency.code", "external_application.name", "partner.email", "lookup.communication_channel_id",
            // the loyalty ledger's codes, written by Patron from its own enums
            "loyalty_type.expiry_policy", "loyalty_record.phase", "loyalty_movement.operation",
            "segment.segment_group_id", "segment_group.parent_group_id",
            // stored only once it names an existing segment (ids Patron hands out: 26 characters)
            "segment_member.segment_id",
            "event_type.icon_name", "automation_scenario.name", "webhook_endpoint.url", "webhook_endpoint.event_types",
            // Patron's own bookkeeping (idempotency keys, outbox, jobs): written by Patron, never from a field
            "idempotency_key.scope", "idempotency_key.key_hash", "idempotency_key.state",
            "idempotency_key.content_type", "outbox_delivery.event_id", "outbox_delivery.listener",
            "outbox_event.event_type", "outbox_event.state", "outbox_event.claimed_by", "scheduled_job.name",
            "scheduled_job.claimed_by",
            // referrals: codes Patron generates, campaign settings from the project file, grant bookkeeping
            "referral.code", "referral_campaign.code_prefix", "referral_campaign.code_alphabet",
            "referral_campaign.default_key", "referral_grant.referral_use_id", "referral_grant.side",
            "referral_grant.record_id", "referral_use.referral_id", "referral_use.referred_customer_id",
            // recommendations: product and customer ids stored only once they name existing records (26 characters)
            "reco_product_pair.other_product_id", "third_party_recommendation.subject_kind",
            "third_party_recommendation.subject_id",
            // a voucher hold's holder, composed by Patron ("product_reservation:" + an id Patron handed out)
            "voucher_hold.holder_ref");

    /** Tables that Patron's own machinery writes; no request field is ever stored in them. */
    private static final Set<String> INTERNAL_TABLES = Set.of("flyway_schema_history", "audit_log", "outbox_event",
            "outbox_delivery", "scheduled_job", "idempotency_key", "automation_run", "automation_step",
            "webhook_delivery", "reference_data_stamp", "project_import");

    @Autowired
    DSLContext dsl;

    @Test
    void everyColumnIsAsWideAsTheLimitOfItsField() {
        String schema = TestDatabase.postgres() ? TestDatabase.schema() : "public";
        List<String> tooNarrow = new ArrayList<>();
        int checked = 0;
        for (Table<?> table : dsl.meta().getSchemas().stream().filter(s -> s.getName().equalsIgnoreCase(schema))
                .flatMap(s -> s.getTables().stream()).toList()) {
            if (INTERNAL_TABLES.contains(table.getName().toLowerCase())) {
                continue;
            }
            for (Field<?> field : table.fields()) {
                String column = field.getName().toLowerCase();
                int width = field.getDataType().length();
                if (!field.getDataType().isString() || width <= 0 || NOT_WRITTEN_FROM_A_FIELD_OF_THEIR_NAME.contains(column)
                        || NOT_WRITTEN_FROM_A_FIELD_OF_THEIR_NAME.contains(table.getName().toLowerCase() + "." + column)) {
                    continue;
                }
                checked++;
                if (TextLimits.limit(column) > width) {
                    tooNarrow.add(table.getName() + "." + column + " varchar(" + width + ") < limit "
                            + TextLimits.limit(column));
                }
            }
        }
        assertThat(checked).isGreaterThan(50);
        assertThat(tooNarrow).isEmpty();
    }

    @Test
    void unstorableCharactersAreNamed() {
        assertThat(TextLimits.problem("first_name", "Eva")).isEmpty();
        assertThat(TextLimits.problem("first_name", "E\u0000va")).isPresent();
        assertThat(TextLimits.problem("first_name", "\uD83D\uDE00 smile")).isEmpty();
        assertThat(TextLimits.problem("first_name", "\uD83D smile")).isPresent();
        assertThat(TextLimits.problem("first_name", "\uDE00")).isPresent();
        assertThat(TextLimits.problem("first_name", "e".repeat(200))).isEmpty();
        assertThat(TextLimits.problem("first_name", "e".repeat(201))).get().asString().contains("200");
    }

    @Test
    void phonesAsWrittenBecomeDigits() {
        assertThat(PhoneNumbers.normalize("+420 745 924 375")).isEqualTo("420745924375");
        assertThat(PhoneNumbers.normalize("+420-745-924-375")).isEqualTo("420745924375");
        assertThat(PhoneNumbers.normalize("(420) 745.924.375")).isEqualTo("420745924375");
        assertThat(PhoneNumbers.normalize("call me")).isEqualTo("call me");
        assertThat(PhoneNumbers.normalize("+420 abc")).isEqualTo("+420 abc");
        assertThat(PhoneNumbers.normalize("++420")).isEqualTo("++420");
    }
}
