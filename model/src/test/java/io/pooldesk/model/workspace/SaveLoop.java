package io.pooldesk.model.workspace;


import java.nio.file.Path;

/** Run in a child JVM by {@link SaveCrashTest}: saves a workspace over and over, alternating two versions. */
public final class SaveLoop {
    private SaveLoop() {
    }

    public static void main(String[] args) throws Exception {
        Path folder = Path.of(args[0]);
        Workspace workspace = Workspace.open(folder);
        System.out.println("ready");
        System.out.flush();
        for (long i = 0; ; i++) {
            String version = i % 2 == 0 ? "B" : "A";
            workspace.put(SaveCrashTest.pool("pool-1", version), "save " + i);
            workspace.put(SaveCrashTest.pool("pool-2", version), "save " + i);
            workspace.save();
        }
    }

}
