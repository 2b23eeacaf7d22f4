package io.patron.config;

/** A capability's part of the start-up import of the project file; must be idempotent. */
public interface ProjectImport {

    /** Lower runs first (e.g. lookups before the users that reference them). */
    default int order() {
        return 0;
    }

    void apply(ProjectFile file);
}
