package io.patron.config;

import static io.patron.db.Tables.LOOKUP;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

import io.patron.common.Ids;
import io.patron.support.ApiTest;
import io.patron.support.StatementCounter;
import tools.jackson.databind.JsonNode;

/**
 * One import run (the default project, then the project file) is one transaction that writes the reference-data
 * stamp once, and writes an item a later file changes once, as it ends up: other nodes never see the default's
 * version of a renamed item, and a run that changes nothing leaves the item's last change where it was.
 */
class ProjectImportRunTest extends ApiTest {

    private static final OffsetDateTime LONG_AGO = OffsetDateTime.of(2020, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC);

    @Autowired
    private DSLContext dsl;
    @Autowired
    private ProjectImporter importer;

    @Test
    void aDefaultItemTheProjectFileRenamesIsNotRewrittenByTheNextRun(@TempDir Path dir) throws IOException {
        String cashId = Ids.stable("payment_type", "cash");
        Path file = dir.resolve("project.yaml");
        Files.writeString(file, """
                payment_types:
                  - text_id: cash
                    name: { en: Cash at the desk }
                """);
        List<ProjectFile> files = List.of(ProjectFile.load(ProjectImporter.DEFAULT_PROJECT),
                ProjectFile.load(file.toString()));

        List<String> first = StatementCounter.statements(() -> importer.run(files, "renaming"));
        assertThat(stampWrites(first)).as("one change for the other nodes").hasSize(1);
        assertThat(name(cashId, "en")).isEqualTo("Cash at the desk");
        assertThat(name(cashId, "cs")).as("what the default gives and the project file leaves out")
                .isEqualTo("Hotovost");

        // a restart with the same files (patron.project-import=always)
        dsl.update(LOOKUP).set(LOOKUP.LAST_CHANGE, LONG_AGO).where(LOOKUP.ID.eq(cashId)).execute();
        List<String> second = StatementCounter.statements(() -> importer.run(files, "renaming"));

        assertThat(stampWrites(second)).hasSize(1);
        assertThat(second).as("no lookup written").noneMatch(sql -> writes(sql, "lookup"));
        assertThat(dsl.select(LOOKUP.LAST_CHANGE).from(LOOKUP).where(LOOKUP.ID.eq(cashId)).fetchOne(LOOKUP.LAST_CHANGE)
                .toInstant()).isEqualTo(LONG_AGO.toInstant());
        assertThat(name(cashId, "en")).isEqualTo("Cash at the desk");

        // the default alone gives the default's name back
        importer.run(List.of(ProjectFile.load(ProjectImporter.DEFAULT_PROJECT)), "default");
        assertThat(name(cashId, "en")).isEqualTo("Cash");
    }

    private String name(String paymentTypeId, String language) {
        JsonNode type = admin().header("Accept-Language", language).get("/payment-types/" + paymentTypeId)
                .expect(200).data();
        return type.path("name").asString();
    }

    private static List<String> stampWrites(List<String> statements) {
        return statements.stream().filter(sql -> writes(sql, "reference_data_stamp")).toList();
    }

    private static boolean writes(String sql, String table) {
        String s = sql.toLowerCase(Locale.ROOT);
        return (s.startsWith("update") || s.startsWith("insert") || s.startsWith("merge") || s.startsWith("delete"))
                && (s.contains("\"" + table + "\"") || s.contains(" " + table + " "));
    }
}
