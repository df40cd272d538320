package org.pgaw.stack.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The learner journey as ordered test steps; a subclass says on which stack it runs. Steps build on each other
 * (logins, then queries, then a replica dies), hence one instance and a fixed order. Order 5 is free for a
 * subclass's own step between the cross join and the sleeping query.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public abstract class LearnerJourneyTest {
    protected LearnerJourney journey;
    private ClassStack stack;

    /** The running stack, or null when it cannot run on this machine (after saying why, loudly, once). */
    protected abstract ClassStack startStack() throws Exception;

    @BeforeAll
    public void start() throws Exception {
        stack = startStack();
        if (stack != null) journey = new LearnerJourney(stack);
    }

    /** Per test, so that a report counts each step as skipped, not as absent. */
    @BeforeEach
    public void needsAStack() {
        Assumptions.assumeTrue(stack != null, "this stack cannot run on this machine");
    }

    @AfterAll
    public void stop() {
        if (stack != null) stack.close();
    }

    @Test
    @Order(1)
    public void sixLearnersFromOneAddressAreSpreadOverAllThreeReplicasAndStayThere() {
        journey.learnersFromOneAddressSpreadOverAllReplicasAndStayThere();
    }

    @Test
    @Order(2)
    public void theObjectTreeBrowsesAdventureWorksThroughTheProxy() {
        journey.theObjectTreeBrowsesAdventureWorksThroughTheProxy();
    }

    @Test
    @Order(3)
    public void aPracticeQueryAcrossThreeSchemasReturnsTheRightRows() throws Exception {
        journey.aPracticeQueryAcrossThreeSchemasReturnsTheRightRows();
    }

    @Test
    @Order(4)
    public void aHugeCrossJoinIsCappedWithANoticeAndTheReplicaStaysSmall() {
        journey.aHugeCrossJoinIsCappedWithANoticeAndTheReplicaStaysSmall();
    }

    @Test
    @Order(5)
    public void learnersCannotSeeOrStopEachOthersStatements() throws Exception {
        journey.learnersCannotSeeOrStopEachOthersStatements();
    }

    @Test
    @Order(6)
    public void theStopButtonCancelsASleepingQuery() {
        journey.theStopButtonCancelsASleepingQuery();
    }

    @Test
    @Order(7)
    public void withoutStopTheProxysTimeoutEndsIt() {
        journey.withoutStopTheProxysTimeoutEndsIt();
    }

    @Test
    @Order(8)
    public void whenAReplicaDiesItsLearnersLogInAgainElsewhereAndNobodyElseNotices() {
        journey.whenAReplicaDiesItsLearnersLogInAgainElsewhereAndNobodyElseNotices();
    }

    @Test
    @Order(9)
    public void theTeachersScriptsCopyLimitsSkipExistingLearnersAndRemoveThem() throws Exception {
        journey.theTeachersScriptsCopyLimitsSkipExistingLearnersAndRemoveThem();
    }
}
