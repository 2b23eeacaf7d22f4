package io.patron.config;

import static io.patron.db.Tables.PROJECT_IMPORT;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.info.BuildProperties;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports the project file at start, before the server takes requests: the built-in default
 * project, then the demo project when {@code patron.demo} is set, then {@code patron.project-file}.
 * <p>
 * One run imports all of them in one transaction with the fingerprint of what it imported ({@link ImportRun}): other
 * nodes never see the default's version of an item a later file changes (the reference-data stamp changes once per
 * run, when it commits), and an item the run leaves as it was is not written again.
 * <p>
 * A start skips the import when nothing it depends on changed since the last complete one: the same build of Patron
 * (its build information: version and build time), the same files (their SHA-256) and the same settings the import
 * reads. That was half of a restart of the demo (7.7 of 16 s). Set {@code patron.project-import=always} to import at
 * every start, e.g. to restore project items someone deleted through the API; the sandbox's data reset always
 * imports.
 * <p>
 * An import that runs while Patron works (on one node while others serve, or in tests while the outbox delivers; the
 * sandbox's data reset pauses the background loops) holds the rows it writes until it commits, and work meanwhile locks some of them in another order: the outbox
 * delivering an event about a customer the import also touches. When the database resolves such a deadlock (or a
 * lock wait times out) against the import, the import is rolled back whole and run again, a few times with growing
 * pauses; its parts are idempotent, so a second attempt writes what the first would have.
 */
@Component
public class ProjectImporter implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(ProjectImporter.class);
    public static final String DEFAULT_PROJECT = "classpath:project/default.yaml";
    /** The demo project: one file per capability, imported in file-name order. */
    public static final String DEMO_PROJECT = "classpath*:project/demo/*.yaml";
    /** Changes when what goes into the fingerprint changes, so that no old fingerprint ever matches a new one. */
    private static final String FINGERPRINT_FORMAT = "patron-project-import/1";
    /** Runs an import again when it lost a deadlock or a lock wait to concurrent work (see the class comment). */
    private static final RetryTemplate AGAIN_AFTER_LOCK_CONFLICT = new RetryTemplate(RetryPolicy.builder()
            .includes(ConcurrencyFailureException.class).maxRetries(4).delay(Duration.ofMillis(200)).multiplier(2)
            .jitter(Duration.ofMillis(100)).build());

    private final List<ProjectImport> imports;
    private final PatronProperties properties;
    private final TransactionTemplate transactions;
    private final DSLContext dsl;
    private final BuildProperties build;
    private final boolean always;

    public ProjectImporter(List<ProjectImport> imports, PatronProperties properties, TransactionTemplate transactions,
                           DSLContext migratedDatabase, ObjectProvider<BuildProperties> build,
                           @Value("${patron.project-import:changed}") String mode) {
        this.imports = imports.stream().sorted(Comparator.comparingInt(ProjectImport::order)).toList();
        this.properties = properties;
        this.transactions = transactions;
        this.dsl = migratedDatabase;
        this.build = build.getIfAvailable();
        if (!mode.equals("changed") && !mode.equals("always")) {
            throw new IllegalStateException("patron.project-import must be 'changed' or 'always', not '" + mode + "'");
        }
        this.always = mode.equals("always");
    }

    @Override
    public void afterPropertiesSet() {
        List<ProjectFile> files = files();
        String fingerprint = fingerprint(files);
        if (!always && fingerprint.equals(lastFingerprint())) {
            log.info("Project import skipped: the build, the {} project files and the settings are those of the last "
                    + "import (patron.project-import=always imports anyway)", files.size());
            return;
        }
        run(files, fingerprint);
    }

    /** Imports every file, whatever the last import was (the sandbox's data reset, after emptying the tables). */
    public void importAll() {
        List<ProjectFile> files = files();
        run(files, fingerprint(files));
    }

    /** One run: every file by every part of the import in order, and the fingerprint, in one transaction. */
    void run(List<ProjectFile> files, String fingerprint) {
        ImportRun run = new ImportRun(files);
        AGAIN_AFTER_LOCK_CONFLICT.invoke(() -> transactions.executeWithoutResult(status -> {
            for (ProjectFile file : files) {
                imports.forEach(i -> i.apply(file, run));
            }
            remember(fingerprint);
        }));
        files.forEach(file -> log.info("Imported project file {}", file.location()));
    }

    private List<ProjectFile> files() {
        List<ProjectFile> files = new ArrayList<>();
        files.add(ProjectFile.load(DEFAULT_PROJECT));
        if (properties.demo()) {
            demoFiles().forEach(file -> files.add(ProjectFile.load(file)));
        }
        if (properties.projectFile() != null && !properties.projectFile().isBlank()) {
            files.add(ProjectFile.load(properties.projectFile()));
        }
        return files;
    }

    /**
     * What the import depends on, hashed: the build, each file's location and content, and the settings the imports
     * read. The bootstrap password is left out (it only sets the password of a bootstrap user the import creates,
     * and a fast hash of it must not be stored): changing it alone does not import again.
     */
    String fingerprint(List<ProjectFile> files) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        PatronProperties.Bootstrap bootstrap = properties.bootstrap();
        String settings = String.join("\n", FINGERPRINT_FORMAT,
                build == null ? "no build information" : build.getVersion() + "@" + build.getTime(),
                "demo=" + properties.demo(), "time-zone=" + properties.timeZone(), "currency=" + properties.currency(),
                "languages=" + properties.languages(), "countries=" + properties.countries(),
                "currencies=" + properties.currencies(), "bootstrap.login=" + bootstrap.login(),
                "bootstrap.enterprise-app-id=" + bootstrap.enterpriseAppId(),
                "bootstrap.customer-app-id=" + bootstrap.customerAppId());
        sha.update(settings.getBytes(StandardCharsets.UTF_8));
        for (ProjectFile file : files) {
            sha.update(("\n" + file.location() + "\n").getBytes(StandardCharsets.UTF_8));
            sha.update(file.sha256());
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private String lastFingerprint() {
        return dsl.select(PROJECT_IMPORT.FINGERPRINT).from(PROJECT_IMPORT).where(PROJECT_IMPORT.ID.eq(1))
                .fetchOne(PROJECT_IMPORT.FINGERPRINT);
    }

    private void remember(String fingerprint) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        int updated = dsl.update(PROJECT_IMPORT).set(PROJECT_IMPORT.FINGERPRINT, fingerprint)
                .set(PROJECT_IMPORT.IMPORTED_AT, now).where(PROJECT_IMPORT.ID.eq(1)).execute();
        if (updated == 0) {
            dsl.insertInto(PROJECT_IMPORT).set(PROJECT_IMPORT.ID, 1).set(PROJECT_IMPORT.FINGERPRINT, fingerprint)
                    .set(PROJECT_IMPORT.IMPORTED_AT, now).onConflictDoNothing().execute();
        }
    }

    static List<String> demoFiles() {
        try {
            return java.util.Arrays.stream(new PathMatchingResourcePatternResolver().getResources(DEMO_PROJECT))
                    .sorted(Comparator.comparing(r -> r.getFilename() == null ? "" : r.getFilename()))
                    .map(r -> {
                        try {
                            return r.getURL().toString();
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    })
                    .toList();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Cannot list the demo project files", e);
        }
    }

    /** Imports one file on its own, in its own transaction (tests add their files so). */
    public void apply(ProjectFile file) {
        ImportRun run = ImportRun.of(file);
        AGAIN_AFTER_LOCK_CONFLICT.invoke(() ->
                transactions.executeWithoutResult(status -> imports.forEach(i -> i.apply(file, run))));
        log.info("Imported project file {}", file.location());
    }
}
