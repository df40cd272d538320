package org.pgaw.proxy.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ResultBudgetTest {
    @Test
    void messagesWithinTheBudgetPassWhole() {
        ResultBudget b = new ResultBudget(100);
        assertThat(b.add(40)).isEqualTo(40);
        assertThat(b.add(60)).as("ending exactly at the limit is fine").isEqualTo(60);
        assertThat(b.exceeded()).isFalse();
        assertThat(b.remaining()).isZero();
    }

    @Test
    void theCrossingMessageReportsWhatStillFits() {
        ResultBudget b = new ResultBudget(100);
        b.add(90);
        assertThat(b.add(30)).isEqualTo(10);
        assertThat(b.exceeded()).isTrue();
        assertThat(b.add(1)).as("spent").isZero();
        assertThat(b.used()).isEqualTo(121);
    }

    @Test
    void resetStartsTheNextStatement() {
        ResultBudget b = new ResultBudget(10);
        b.add(50);
        b.reset();
        assertThat(b.exceeded()).isFalse();
        assertThat(b.add(10)).isEqualTo(10);
    }

    @Test
    void zeroMeansUnlimited() {
        ResultBudget b = new ResultBudget(0);
        assertThat(b.add(Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
        assertThat(b.add(Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
        assertThat(b.exceeded()).isFalse();
        assertThat(b.remaining()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void countsSaturateInsteadOfOverflowing() {
        ResultBudget b = new ResultBudget(Long.MAX_VALUE - 1);
        assertThat(b.add(Long.MAX_VALUE - 10)).isEqualTo(Long.MAX_VALUE - 10);
        assertThat(b.add(Long.MAX_VALUE)).isEqualTo(9);
        assertThat(b.used()).isEqualTo(Long.MAX_VALUE);
        assertThat(b.exceeded()).isTrue();
        assertThat(b.add(Long.MAX_VALUE)).isZero();
        assertThat(b.used()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void negativeInputsAreRejected() {
        assertThatThrownBy(() -> new ResultBudget(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ResultBudget(5).add(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rowCapPassesCapRowsAndReportsTheCut() {
        RowCap cap = new RowCap();
        cap.reset(2);
        assertThat(cap.admit()).isTrue();
        assertThat(cap.admit()).isTrue();
        assertThat(cap.cut()).isFalse();
        assertThat(cap.admit()).isFalse();
        assertThat(cap.cut()).isTrue();
        assertThat(cap.admit()).as("WITH TIES can send more than one extra row").isFalse();
        assertThat(cap.rowsSeen()).isEqualTo(4);
        cap.reset(-1);
        for (int i = 0; i < 10; i++) {
            assertThat(cap.admit()).isTrue();
        }
        assertThat(cap.cut()).isFalse();
        cap.reset(0);
        assertThat(cap.admit()).isFalse();
        assertThat(cap.cut()).isTrue();
        assertThatThrownBy(() -> cap.reset(-2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void messagesNameTheLimitInWordsALearnerReads() {
        assertThat(GuardMessages.rowCapNotice(1000))
                .isEqualTo("pgaw: showing the first 1000 rows; add LIMIT/OFFSET or a narrower WHERE to see others");
        assertThat(GuardMessages.byteBudgetNotice(64L * 1024 * 1024)).contains("64 MB").contains("LIMIT");
        assertThat(GuardMessages.byteBudgetError(1536L * 1024 * 1024)).contains("1.5 GB");
        assertThat(GuardMessages.cursorRowCapNotice(1000)).contains("first 1000 rows");
        assertThat(GuardMessages.bytes(1)).isEqualTo("1 byte");
        assertThat(GuardMessages.bytes(512)).isEqualTo("512 bytes");
        assertThat(GuardMessages.bytes(64 * 1024)).isEqualTo("64 kB");
        assertThat(GuardMessages.bytes(Long.MAX_VALUE)).isEqualTo("8 EB");
        assertThat(GuardMessages.SQLSTATE_BUDGET_EXCEEDED).isEqualTo("54000");
    }
}
