package io.patron.config;

import java.util.Comparator;
import java.util.List;

import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports the project file at start, before the server takes requests: the built-in default
 * project, then the demo project when {@code patron.demo} is set, then {@code patron.project-file}.
 */
@Component
public class ProjectImporter implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(ProjectImporter.class);
    public static final String DEFAULT_PROJECT = "classpath:project/default.yaml";
    /** The demo project: one file per capability, imported in file-name order. */
    public static final String DEMO_PROJECT = "classpath*:project/demo/*.yaml";

    private final List<ProjectImport> imports;
    private final PatronProperties properties;
    private final TransactionTemplate transactions;

    public ProjectImporter(List<ProjectImport> imports, PatronProperties properties, TransactionTemplate transactions,
                           DSLContext migratedDatabase) {
        this.imports = imports.stream().sorted(Comparator.comparingInt(ProjectImport::order)).toList();
        this.properties = properties;
        this.transactions = transactions;
    }

    @Override
    public void afterPropertiesSet() {
        apply(ProjectFile.load(DEFAULT_PROJECT));
        if (properties.demo()) {
            for (String file : demoFiles()) {
                apply(ProjectFile.load(file));
            }
        }
        if (properties.projectFile() != null && !properties.projectFile().isBlank()) {
            apply(ProjectFile.load(properties.projectFile()));
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

    public void apply(ProjectFile file) {
        transactions.executeWithoutResult(status -> imports.forEach(i -> i.apply(file)));
        log.info("Imported project file {}", file.location());
    }
}
