package io.patron.config;

import static io.patron.db.Tables.PROJECT_IMPORT;
import static io.patron.db.Tables.REFERENCE_DATA_STAMP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.info.BuildProperties;
import org.springframework.dao.DeadlockLoserDataAccessException;
import org.springframework.transaction.support.TransactionTemplate;

import io.patron.support.ApiTest;

/**
 * A start imports the project only when the build, the files or the settings changed since the last complete import.
 * Every import writes a new reference-data stamp (the reference cache's part of it), which tells here whether one ran.
 */
class ProjectImportSkipTest extends ApiTest {

    @Autowired
    private DSLContext dsl;
    @Autowired
    private ProjectImporter importer;
    @Autowired
    private List<ProjectImport> imports;
    @Autowired
    private PatronProperties properties;
    @Autowired
    private TransactionTemplate transactions;
    @Autowired
    private ObjectProvider<BuildProperties> build;

    @Test
    void aStartWithNothingChangedSkipsTheImportAndTheResetImportsAnyway() {
        String stamp = stamp();
        assertThat(dsl.fetchCount(PROJECT_IMPORT)).as("the data reset's import was remembered").isEqualTo(1);

        importer.afterPropertiesSet();
        assertThat(stamp()).as("same build, files and settings: skipped").isEqualTo(stamp);

        importer.importAll();
        assertThat(stamp()).as("the data reset's import runs whatever the last one was").isNotEqualTo(stamp);
    }

    @Test
    void aDatabaseWithoutARememberedImportIsImported() {
        dsl.deleteFrom(PROJECT_IMPORT).execute();
        String stamp = stamp();

        importer.afterPropertiesSet();

        assertThat(stamp()).isNotEqualTo(stamp);
        assertThat(dsl.fetchCount(PROJECT_IMPORT)).isEqualTo(1);
    }

    @Test
    void theFingerprintFollowsTheFilesContentsAndTheBuild() {
        ProjectFile catalog = ProjectFile.load("classpath:project/test-catalog.yaml");
        ProjectFile references = ProjectFile.load("classpath:project/test-customer-references.yaml");

        assertThat(importer.fingerprint(List.of(catalog)))
                .isEqualTo(importer.fingerprint(List.of(ProjectFile.load("classpath:project/test-catalog.yaml"))))
                .isNotEqualTo(importer.fingerprint(List.of(references)))
                .isNotEqualTo(importer.fingerprint(List.of(catalog, references)));
        assertThat(build.getIfAvailable()).as("the build's information (its time tells a new build)").isNotNull();
    }

    @Test
    void alwaysImportsAtEveryStartAndAnUnknownModeIsRefused() {
        String stamp = stamp();
        new ProjectImporter(imports, properties, transactions, dsl, build, "always").afterPropertiesSet();
        assertThat(stamp()).isNotEqualTo(stamp);

        assertThatThrownBy(() -> new ProjectImporter(imports, properties, transactions, dsl, build, "sometimes"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("patron.project-import");
    }

    @Test
    void anImportThatLostADeadlockIsRolledBackAndRunAgain() {
        AtomicInteger attempts = new AtomicInteger();
        ProjectImport losingOnce = file -> {
            if (attempts.incrementAndGet() == 1) {
                dsl.deleteFrom(PROJECT_IMPORT).execute();
                throw new DeadlockLoserDataAccessException("deadlock detected", null);
            }
        };
        ProjectImporter importer = new ProjectImporter(List.of(losingOnce), properties, transactions, dsl, build,
                "always");
        ProjectFile file = ProjectFile.load("classpath:project/test-catalog.yaml");

        assertThat(dsl.fetchCount(PROJECT_IMPORT)).isEqualTo(1);
        importer.apply(file);
        assertThat(attempts).hasValue(2);
        assertThat(dsl.fetchCount(PROJECT_IMPORT)).as("the losing attempt's delete was rolled back").isEqualTo(1);

        ProjectImport failing = f -> {
            attempts.incrementAndGet();
            throw new IllegalStateException("a broken file");
        };
        attempts.set(0);
        assertThatThrownBy(() -> new ProjectImporter(List.of(failing), properties, transactions, dsl, build, "always")
                .apply(file)).isInstanceOf(IllegalStateException.class).hasMessage("a broken file");
        assertThat(attempts).as("only lock conflicts are tried again").hasValue(1);
    }

    private String stamp() {
        return dsl.select(REFERENCE_DATA_STAMP.STAMP).from(REFERENCE_DATA_STAMP).fetchOne(REFERENCE_DATA_STAMP.STAMP);
    }
}
