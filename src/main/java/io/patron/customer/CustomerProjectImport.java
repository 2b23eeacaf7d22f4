package io.patron.customer;

import java.time.Clock;
import java.time.OffsetDateTime;

import org.springframework.stereotype.Component;

import io.patron.api.Translations;
import io.patron.common.Ids;
import io.patron.config.PatronProperties;
import io.patron.config.ProjectFile;
import io.patron.config.ProjectImport;

/** Imports the {@code customer_sources} section: {@code - { text_id: eshop, name: {en: E-shop, cs: E-shop}, id: optional }}. */
@Component
class CustomerProjectImport implements ProjectImport {

    record SourceDefinition(String id, String textId, Object name, Integer state) {
    }

    private final CustomerRepository repository;
    private final Translations translations;
    private final PatronProperties properties;
    private final Clock clock;

    CustomerProjectImport(CustomerRepository repository, Translations translations, PatronProperties properties,
                          Clock clock) {
        this.repository = repository;
        this.translations = translations;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public void apply(ProjectFile file) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        for (SourceDefinition source : file.section("customer_sources", SourceDefinition.class)) {
            String id = source.id() != null ? source.id() : Ids.stable("customer_source", source.textId());
            repository.upsertSource(id, source.textId(), source.state() == null ? 1 : source.state(), now);
            translations.put("customer_source.name", id,
                    ProjectFile.texts(source.name() == null ? source.textId() : source.name(), properties.languages()));
        }
    }
}
