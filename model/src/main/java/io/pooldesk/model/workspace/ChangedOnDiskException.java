package io.pooldesk.model.workspace;

import java.nio.file.Path;
import java.util.List;

/** Files that another program changed since the workspace read them: a save refuses to overwrite them. */
public class ChangedOnDiskException extends java.io.IOException {
    private final List<Path> files;

    public ChangedOnDiskException(List<Path> files) {
        super(files.size() == 1 ? files.get(0) + " was changed by another program"
                : files.size() + " files were changed by another program: " + files);
        this.files = List.copyOf(files);
    }

    public List<Path> files() {
        return files;
    }
}
