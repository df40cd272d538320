package org.pgaw.proxy.cluster;

import java.time.Duration;

/**
 * When a standby is too far behind. {@code now() - pg_last_xact_replay_timestamp()} alone is wrong: on an idle
 * primary the last transaction ages while the standby is fully caught up. So the WAL position decides first: a
 * standby that has replayed up to where the primary stood just before (probed first) is not behind at all, however
 * old its last transaction. Only a standby that IS behind is judged by the age of what it replayed last; one that
 * never replayed a transaction while behind counts as lagging. Without the primary's position (the primary did not
 * answer) the standby's own received-vs-replayed WAL takes its place.
 */
final class LagRule {
    private LagRule() { }

    /** Why the standby lags, or null when it does not. */
    static String lagging(Long primaryLsn, Long receivedLsn, Long replayedLsn, Double replayAgeSeconds, Duration maxLag) {
        if (replayedLsn == null) return "it has replayed no WAL yet";
        Long reference = primaryLsn != null ? primaryLsn : receivedLsn;
        if (reference == null || replayedLsn >= reference) return null;
        if (replayAgeSeconds == null) return (reference - replayedLsn) + " bytes behind and no transaction replayed yet";
        if (replayAgeSeconds * 1000 <= maxLag.toMillis()) return null;
        return String.format("%d bytes behind, last transaction replayed %.0f s ago (limit %d s)",
                reference - replayedLsn, replayAgeSeconds, maxLag.toSeconds());
    }
}
