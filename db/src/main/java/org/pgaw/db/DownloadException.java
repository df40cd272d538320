package org.pgaw.db;

/** Fetching the upstream files failed; the message says what failed and how to load without downloading. */
public final class DownloadException extends Exception {
    public DownloadException(String message, Throwable cause) {
        super(message + "\n" + offlineHint(), cause);
    }

    public static String offlineHint() {
        return "Offline alternative: put the upstream CSV files (folder data/ of NorfolkDataSci/adventure-works-postgres"
                + " at commit " + UpstreamFiles.COMMIT + ") into one directory and pass it with --data DIR.";
    }
}
