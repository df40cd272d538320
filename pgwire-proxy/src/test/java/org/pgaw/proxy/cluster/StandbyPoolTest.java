package org.pgaw.proxy.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pgaw.proxy.config.HostPort;

class StandbyPoolTest {
    private static final HostPort PRIMARY = new HostPort("primary", 5432);
    private static final HostPort A = new HostPort("a", 5432);
    private static final HostPort B = new HostPort("b", 5432);

    private final StandbyPool pool = new StandbyPool(PRIMARY, List.of(A, B));

    @Test
    void exemptRolesGoToThePrimaryLearnersSpreadOverTheStandbys() {
        assertThat(pool.route(false, "teacher").address()).isEqualTo(PRIMARY);
        assertThat(pool.route(true, "ann").address()).isEqualTo(A);
        assertThat(pool.route(true, "bob").address()).isEqualTo(B);
        assertThat(pool.route(true, "cid").address()).isEqualTo(A);
    }

    @Test
    void aLearnersSessionsStayOnOneServerWhileAnyIsOpenSoPgCancelBackendFindsThePid() {
        BackendRoute first = pool.route(true, "ann");
        pool.route(true, "bob");
        pool.route(true, "cid");
        // least sessions would now say B; ann's other session is on A, so A it is
        BackendRoute second = pool.route(true, "ann");
        assertThat(second.address()).isEqualTo(first.address()).isEqualTo(A);
        first.release();
        second.release();
        second.release(); // twice is once
        assertThat(pool.sessionsByServer()).containsEntry("standby a:5432", 1).containsEntry("standby b:5432", 1);
        assertThat(pool.route(true, "ann").address()).as("all closed: free to move").isEqualTo(A);
    }

    @Test
    void aDownStandbyGetsNoOneAndItsLearnersMove() {
        BackendRoute ann = pool.route(true, "ann");
        assertThat(ann.address()).isEqualTo(A);
        pool.health(pool.standbys().get(0), BackendTarget.Health.DOWN, "test");
        assertThat(pool.route(true, "ann").address()).isEqualTo(B);
        assertThat(pool.route(true, "bob").address()).isEqualTo(B);
    }

    @Test
    void aLaggingStandbyKeepsItsLearnersButGetsNoNewOnes() {
        assertThat(pool.route(true, "ann").address()).isEqualTo(A);
        pool.health(pool.standbys().get(0), BackendTarget.Health.LAGGING, "test");
        assertThat(pool.route(true, "ann").address()).isEqualTo(A);
        assertThat(pool.route(true, "bob").address()).isEqualTo(B);
        assertThat(pool.route(true, "cid").address()).isEqualTo(B);
    }

    @Test
    void withNoStandbyUpLearnersFallBackToThePrimary() {
        pool.health(pool.standbys().get(0), BackendTarget.Health.DOWN, "test");
        pool.health(pool.standbys().get(1), BackendTarget.Health.LAGGING, "test");
        BackendRoute r = pool.route(true, "ann");
        assertThat(r.address()).isEqualTo(PRIMARY);
        assertThat(r.onStandby()).isFalse();
    }

    @Test
    void aConnectFailureMarksTheStandbyDownAtOnce() {
        BackendRoute r = pool.route(true, "ann");
        r.serverTrouble(true);
        assertThat(pool.standbys().get(0).health()).isEqualTo(BackendTarget.Health.DOWN);
        assertThat(pool.route(true, "bob").address()).isEqualTo(B);
    }

    @Test
    void withoutStandbysEveryoneGoesToTheBackend() {
        StandbyPool none = new StandbyPool(PRIMARY, List.of());
        assertThat(none.route(true, "ann").address()).isEqualTo(PRIMARY);
        assertThat(none.route(false, "teacher").address()).isEqualTo(PRIMARY);
    }
}
