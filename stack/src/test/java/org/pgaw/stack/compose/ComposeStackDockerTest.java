package org.pgaw.stack.compose;

import org.pgaw.stack.e2e.ClassStack;
import org.pgaw.stack.e2e.LearnerJourneyTest;
import org.testcontainers.DockerClientFactory;

/**
 * The learner's journey (the same steps as StackEndToEndTest) on the real stack/compose.yaml under Docker, where
 * Docker exists (users' machines, their CI): images built from this checkout, learners added with
 * stack/learners-add.sh, browsers through the published nginx port. Takes several minutes (image builds, the
 * AdventureWorks download and load on the first run).
 *
 * Without a Docker engine (this project's CI machine) every step is skipped, after one line saying so: the
 * process-based StackEndToEndTest proves the same journey there. Needs the Docker CLI with the Compose v2
 * plugin and a local engine (the placeholder certificate is for localhost).
 */
class ComposeStackDockerTest extends LearnerJourneyTest {

    @Override
    protected ClassStack startStack() throws Exception {
        boolean docker;
        try {
            docker = DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            docker = false;
        }
        if (!docker) {
            System.err.println("pgaw: SKIPPED ComposeStackDockerTest: no Docker engine on this machine "
                    + "(StackEndToEndTest proves the same learner journey with local processes)");
            return null;
        }
        return DockerClassStack.start(6);
    }
}
