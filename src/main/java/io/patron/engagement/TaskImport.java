package io.patron.engagement;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.stereotype.Component;

import io.patron.api.Languages;
import io.patron.api.Translations;
import io.patron.common.Ids;
import io.patron.config.ProjectFile;
import io.patron.config.ProjectImport;

/**
 * Imports task types and states; the project file owns them:
 * <pre>
 * task_types:
 *   - { text_id: complaint, name: { en: Complaint, cs: Reklamace } }   # id derived from text_id unless given
 * task_states:                      # in workflow order: the first active one is where a customer's task starts
 *   - { text_id: new, name: { en: New, cs: Nový } }
 * </pre>
 */
@Component
class TaskImport implements ProjectImport {

    record Definition(String id, String textId, Object name, Integer state) {
    }

    private final TaskRepository repository;
    private final Translations translations;
    private final Languages languages;
    private final Clock clock;

    TaskImport(TaskRepository repository, Translations translations, Languages languages, Clock clock) {
        this.repository = repository;
        this.translations = translations;
        this.languages = languages;
        this.clock = clock;
    }

    @Override
    public void apply(ProjectFile file) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        importKind(file, "task_types", TaskRepository.Kind.TYPE, now);
        importKind(file, "task_states", TaskRepository.Kind.STATE, now);
    }

    private void importKind(ProjectFile file, String section, TaskRepository.Kind kind, OffsetDateTime now) {
        List<Definition> items = file.section(section, Definition.class);
        for (int i = 0; i < items.size(); i++) {
            Definition d = items.get(i);
            if (d.textId() == null || d.textId().isBlank() || d.name() == null) {
                throw new IllegalStateException(file.location() + ": " + section + "[" + i + "] needs text_id and name");
            }
            String id = d.id() != null ? d.id() : Ids.stable(kind.table(), d.textId());
            boolean renamed = translations.put(kind.table() + ".name", id,
                    ProjectFile.texts(d.name(), languages.active()));
            repository.upsertKind(kind, id, d.textId(), i, d.state() == null ? 1 : d.state(), renamed, now);
        }
    }
}
