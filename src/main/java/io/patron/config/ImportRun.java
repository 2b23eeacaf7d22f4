package io.patron.config;

import java.util.List;

/**
 * The files of one import run in the order they are imported (the built-in default, the demo files, the project
 * file), all in one transaction. A part of the import whose items a later file may change (a project file renaming
 * a default lookup) reads here what the later files say, so that it writes such an item once, as it ends up, and
 * leaves an item the run does not change untouched.
 */
public record ImportRun(List<ProjectFile> files) {

    public ImportRun {
        files = List.copyOf(files);
    }

    /** A run of one file (a file imported on its own, as tests do). */
    public static ImportRun of(ProjectFile file) {
        return new ImportRun(List.of(file));
    }

    /** The files of the run imported before {@code file}. */
    public List<ProjectFile> before(ProjectFile file) {
        return files.subList(0, index(file));
    }

    /** The files of the run imported after {@code file}. */
    public List<ProjectFile> after(ProjectFile file) {
        return files.subList(index(file) + 1, files.size());
    }

    private int index(ProjectFile file) {
        for (int i = 0; i < files.size(); i++) {
            if (files.get(i) == file) {
                return i;
            }
        }
        throw new IllegalArgumentException(file.location() + " is not a file of this run");
    }
}
