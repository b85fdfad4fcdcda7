package io.pooldesk.views.report;

import io.pooldesk.model.manifest.AtomicFiles;
import io.pooldesk.model.report.UtilisationCsv;
import io.pooldesk.model.workspace.PoolSummary;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/** The utilisation report's files, each written atomically: what the window's export and {@code pooldesk report} share. */
public final class ReportFiles {
    private ReportFiles() {
    }

    public static void csv(Path file, List<PoolSummary> pools) throws IOException {
        AtomicFiles.write(file, UtilisationCsv.write(pools));
    }

    /** One PNG map per pool that names addresses, into {@code folder}; returns the files written. */
    public static List<Path> maps(Path folder, List<PoolSummary> pools) throws IOException {
        Files.createDirectories(folder);
        List<Path> written = new ArrayList<>();
        java.util.Set<String> taken = new java.util.HashSet<>();
        for (PoolSummary pool : pools) {
            if (pool.extent() != null) {
                Path file = folder.resolve(unique(MapPicture.fileName(pool), taken));
                AtomicFiles.write(file, MapPicture.png(pool));
                written.add(file);
            }
        }
        return written;
    }

    /**
     * Two pools whose names give the same file name (a/b and a_b, or the same name in two kinds) get two files: the
     * second is numbered. Compared without case, as a case-insensitive file system would.
     */
    private static String unique(String name, java.util.Set<String> taken) {
        String stem = name.substring(0, name.length() - ".png".length());
        String candidate = name;
        for (int n = 2; !taken.add(candidate.toLowerCase(java.util.Locale.ROOT)); n++) {
            candidate = stem + "-" + n + ".png";
        }
        return candidate;
    }

    public static void html(Path file, String title, List<PoolSummary> pools) throws IOException {
        AtomicFiles.write(file, HtmlReport.write(title, pools, ZonedDateTime.now()));
    }
}
