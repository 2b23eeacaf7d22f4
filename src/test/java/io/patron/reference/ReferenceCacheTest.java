package io.patron.reference;

import static io.patron.db.Tables.TRANSLATION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;

import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;

import io.patron.config.ProjectFile;
import io.patron.config.ProjectImporter;
import io.patron.support.Api;
import io.patron.support.ApiTest;
import io.patron.support.SecondNode;
import io.patron.support.TestDatabase;

/**
 * Reference data comes from memory: a change made behind Patron's back is not seen, a project import on this node
 * is seen at once, and one on another node within the poll interval.
 */
class ReferenceCacheTest extends ApiTest {

    @Autowired
    private DSLContext dsl;
    @Autowired
    private ProjectImporter importer;

    @Test
    void answersComeFromMemoryUntilAProjectImportCommits() {
        Api api = admin();
        String original = czechia(api);
        String lookupBefore = api.get("/payment-types").expect(200).body();

        rename("CZ", "Bohemia");
        assertThat(czechia(api)).as("from memory: no query saw the change").isEqualTo(original);
        assertThat(api.get("/payment-types").expect(200).body()).isEqualTo(lookupBefore);

        importer.apply(ProjectFile.empty());
        assertThat(czechia(api)).as("after an import on this node").isEqualTo("Bohemia");
    }

    @Test
    void differentQueriesAndLanguagesAreDifferentEntries() {
        Api api = admin();
        czechia(api);
        rename("CZ", "Bohemia");
        assertThat(name(api.get("/countries", "country_id", "CZ", "count", "1").expect(200))).isEqualTo("Bohemia");
        assertThat(name(api.header("Accept-Language", "cs").get("/countries", "country_id", "CZ").expect(200)))
                .isNotEqualTo("Bohemia");
    }

    @Test
    void refusedQueriesAreRefusedEveryTime() {
        Api api = admin();
        for (int i = 0; i < 2; i++) {
            assertThat(api.get("/countries", "sort_field", "population").expect(400).invalidParams())
                    .containsExactly("sort_field:not_allowed_value");
        }
    }

    @Test
    void anImportOnAnotherNodeIsSeenWithinThePollInterval() {
        assumeTrue(TestDatabase.postgres(), "nodes share a PostgreSQL database; the embedded H2 belongs to one node");
        ConfigurableApplicationContext second = SecondNode.start();
        try {
            Api api = admin();
            String original = czechia(api);
            rename("CZ", "Bohemia");
            assertThat(czechia(api)).isEqualTo(original);

            second.getBean(ProjectImporter.class).apply(ProjectFile.empty());
            // patron.reference.poll-interval is 1 s
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                    .until(() -> czechia(api).equals("Bohemia"));
        } finally {
            second.close();
        }
    }

    private static String czechia(Api api) {
        return name(api.get("/countries", "country_id", "CZ").expect(200));
    }

    private static String name(Api.Response answer) {
        return answer.data().path("countries").get(0).path("name").asString();
    }

    private void rename(String countryId, String text) {
        assertThat(dsl.update(TRANSLATION).set(TRANSLATION.TEXT, text)
                .where(TRANSLATION.ENTITY.eq("country.name")).and(TRANSLATION.ENTITY_ID.eq(countryId))
                .and(TRANSLATION.LANGUAGE_ID.eq("en")).execute()).isEqualTo(1);
    }
}
