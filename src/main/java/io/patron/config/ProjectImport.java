package io.patron.config;

/** A capability's part of the start-up import of the project file; must be idempotent. */
public interface ProjectImport {

    /** Lower runs first (e.g. lookups before the users that reference them). */
    default int order() {
        return 0;
    }

    void apply(ProjectFile file);

    /**
     * Imports {@code file} as one of the files of {@code run}, in the run's transaction. By default as if the file
     * were alone; a part whose items later files may change overrides it to write each such item once.
     */
    default void apply(ProjectFile file, ImportRun run) {
        apply(file);
    }
}
