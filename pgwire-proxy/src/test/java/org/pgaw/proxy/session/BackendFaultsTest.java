package org.pgaw.proxy.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pgaw.proxy.session.FaultRig.login;
import static org.pgaw.proxy.testing.BackendMessages.commandComplete;
import static org.pgaw.proxy.testing.BackendMessages.dataRow;
import static org.pgaw.proxy.testing.BackendMessages.errorResponse;
import static org.pgaw.proxy.testing.BackendMessages.header;
import static org.pgaw.proxy.testing.BackendMessages.message;
import static org.pgaw.proxy.testing.BackendMessages.noticeResponse;
import static org.pgaw.proxy.testing.BackendMessages.notificationResponse;
import static org.pgaw.proxy.testing.BackendMessages.parameterStatus;
import static org.pgaw.proxy.testing.BackendMessages.readyForQuery;
import static org.pgaw.proxy.testing.BackendMessages.rowDescription;
import static org.pgaw.proxy.testing.WireClient.concat;
import static org.pgaw.proxy.testing.WireClient.query;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.pgaw.proxy.testing.FakeBackend;
import org.pgaw.proxy.testing.WireClient;

/**
 * What the client sees when the backend misbehaves: the real proxy between a {@link WireClient} and a scripted
 * {@link FakeBackend} that writes exact bytes, split as a test chooses, then dies or lies.
 */
class BackendFaultsTest {
    private static final byte[] ROWS_ANSWER = concat(rowDescription("n", "word"), dataRow("1", "one"),
            dataRow("2", "two"), commandComplete("SELECT 2"), readyForQuery('I'));

    private FaultRig rig;

    @BeforeEach
    void start() throws Exception {
        rig = new FaultRig();
    }

    @AfterEach
    void stop() throws Exception {
        rig.close();
    }

    enum Split {
        ONE_WRITE(Integer.MAX_VALUE, 0), BYTE_BY_BYTE(1, 1), ODD_PIECES(7, 1);

        final int piece;
        final long pauseMillis;

        Split(int piece, long pauseMillis) {
            this.piece = piece;
            this.pauseMillis = pauseMillis;
        }
    }

    @ParameterizedTest
    @EnumSource(Split.class)
    void aSimpleQueryAnswerIsRelayedByteForByteHoweverItIsSplit(Split split) throws Exception {
        rig.fake.then(c -> {
            assertThat(c.expectQuery()).isEqualTo("SELECT n, word FROM numbers");
            c.writeInPieces(ROWS_ANSWER, Math.min(split.piece, ROWS_ANSWER.length), split.pauseMillis);
        });
        WireClient c = rig.client();
        login(c);
        c.send(query("SELECT n, word FROM numbers"));
        assertThat(c.readBytes(ROWS_ANSWER.length)).isEqualTo(ROWS_ANSWER);
        assertThat(tags(ROWS_ANSWER)).isEqualTo("TDDCZ");
    }

    @Test
    void aDataRowLargerThanTheProxyHoldsWholeStreamsThroughByteForByte() throws Exception {
        byte[] big = new byte[300_000]; // over the 64 KiB a message may be buffered whole: it streams in pieces
        for (int i = 0; i < big.length; i++) big[i] = (byte) ('a' + i % 26);
        byte[] answer = concat(rowDescription("blob"), dataRow(big), dataRow("x".getBytes(StandardCharsets.US_ASCII)),
                commandComplete("SELECT 2"), readyForQuery('I'));
        rig.fake.then(c -> {
            c.expectQuery();
            c.writeInPieces(answer, 4093, 0);
        });
        WireClient c = rig.client();
        login(c);
        c.send(query("SELECT blob FROM files"));
        assertThat(c.readBytes(answer.length)).isEqualTo(answer);
    }

    /** Where the backend's last, unfinished message is cut: inside its 5-byte header, or inside its body. */
    @ParameterizedTest
    @ValueSource(ints = {2, 9})
    void aBackendThatDiesMidStreamGivesTheCompleteRowsThenFatal08006NeverAPartialRow(int bytesOfFourthRow)
            throws Exception {
        byte[] fourth = dataRow("4", "four, never complete");
        rig.fake.then(c -> {
            c.expectQuery();
            c.write(concat(rowDescription("n", "word"), dataRow("1", "one"), dataRow("2", "two"), dataRow("3", "three"),
                    Arrays.copyOf(fourth, bytesOfFourthRow)));
            Thread.sleep(100); // the proxy reads the partial row before the end of the stream
            c.close();
        });
        WireClient c = rig.client();
        login(c);
        c.send(query("SELECT n, word FROM numbers"));
        assertThat(c.read().tag()).isEqualTo('T');
        for (String[] row : new String[][] {{"1", "one"}, {"2", "two"}, {"3", "three"}}) {
            WireClient.Message m = c.read();
            assertThat(m.tag()).isEqualTo('D');
            assertThat(message('D', m.body())).isEqualTo(dataRow(row));
        }
        WireClient.Message e = c.read();
        assertThat(e.tag()).as("not the partial fourth row").isEqualTo('E');
        assertThat(e.fields()).containsEntry('S', "FATAL").containsEntry('C', "08006")
                .containsEntry('M', "pgaw: the connection to the database server was lost");
        assertThat(c.closedWithin(2000)).isTrue();
    }

    @Test
    void aBackendThatDiesInsideAStreamedRowClosesTheClientWithoutSplicingAnythingIntoTheRow() throws Exception {
        // A row over 64 KiB streams: its first bytes are already with the client when the backend dies. Nothing can
        // be said in the middle of a message, so the proxy can only close; the client gets exactly what was sent.
        byte[] big = new byte[1 << 20];
        Arrays.fill(big, (byte) 'z');
        byte[] row = dataRow(big);
        int sent = 300_000;
        rig.fake.then(c -> {
            c.expectQuery();
            c.write(concat(rowDescription("blob"), Arrays.copyOf(row, sent)));
            Thread.sleep(200);
            c.close();
        });
        WireClient c = rig.client();
        login(c);
        c.send(query("SELECT blob FROM files"));
        assertThat(c.read().tag()).isEqualTo('T');
        byte[] prefix = c.readBytes(sent);
        assertThat(prefix).isEqualTo(Arrays.copyOf(row, sent));
        assertThat(c.readByte()).as("closed right after the last byte the backend sent").isEqualTo(-1);
    }

    /** Headers no PostgreSQL sends: a DataRow of 2 GiB, of "-1" bytes, shorter than its own length field; a 100 MB CommandComplete. */
    @ParameterizedTest
    @ValueSource(strings = {"D:2147483648", "D:4294967295", "D:3", "C:104857600", "Z:2147483647"})
    void anImpossibleLengthFromTheBackendEndsTheSessionAtOnceAndTheProxyStaysHealthy(String bad) throws Exception {
        char tag = bad.charAt(0);
        int lengthField = (int) Long.parseLong(bad.substring(2));
        rig.fake.then(c -> {
            c.expectQuery();
            // Only the header and a few bytes follow, and the connection stays open: a proxy that waited for (or
            // allocated) the announced body would never answer the client.
            c.write(concat(rowDescription("n"), dataRow("1"), header(tag, lengthField), new byte[16]));
            assertThat(c.awaitEnd(5000)).as("the proxy hung up on the broken backend").isTrue();
        }).then(c -> {
            c.expectQuery();
            c.write(concat(rowDescription("n"), dataRow("1"), commandComplete("SELECT 1"), readyForQuery('I')));
        });
        WireClient c = rig.client();
        login(c);
        c.send(query("SELECT n FROM numbers"));
        assertThat(c.read().tag()).isEqualTo('T');
        assertThat(c.read().tag()).isEqualTo('D');
        WireClient.Message e = c.read();
        assertThat(e.tag()).isEqualTo('E');
        assertThat(e.fields()).containsEntry('S', "FATAL").containsEntry('C', "08006");
        assertThat(e.fields().get('D')).as("the detail says why").startsWith("The server sent a message PostgreSQL never sends");
        assertThat(c.closedWithin(2000)).isTrue();
        assertThat(rig.logLines()).anyMatch(l -> l.contains("backend connection for pid 7001 failed"));

        WireClient next = rig.client();
        login(next);
        next.send(query("SELECT n FROM numbers"));
        assertThat(next.readUntilReady()).as("the next session works").isEqualTo("TDCZ");
    }

    @Test
    void aServerThatIsNotPostgresGivesAPromptFatalNotAHang() throws Exception {
        // The backend address points at a web server by mistake: "HTTP/1.1 ..." reads as tag 'H' of 1.4 GB.
        rig.fake.answerStartupWith("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII))
                .then(c -> assertThat(c.awaitEnd(5000)).isTrue());
        WireClient c = rig.client();
        c.send(WireClient.startup("learner", "adventureworks"));
        long t0 = System.nanoTime();
        WireClient.Message e = c.read();
        assertThat(e.tag()).isEqualTo('E');
        assertThat(e.fields()).containsEntry('S', "FATAL").containsEntry('C', "08006");
        assertThat(c.closedWithin(2000)).isTrue();
        assertThat((System.nanoTime() - t0) / 1_000_000).as("ms until refused").isLessThan(3000);
    }

    @Test
    void anErrorInTheMiddleOfTheRowsIsRelayedAndTheSessionGoesOn() throws Exception {
        byte[] failed = concat(rowDescription("n"), dataRow("1"), dataRow("2"),
                errorResponse("ERROR", "22012", "division by zero"), readyForQuery('I'));
        byte[] next = concat(rowDescription("n"), dataRow("7"), commandComplete("SELECT 1"), readyForQuery('I'));
        rig.fake.then(c -> {
            c.expectQuery();
            c.write(failed);
            c.expectQuery();
            c.write(next);
        });
        WireClient c = rig.client();
        login(c);
        c.send(query("SELECT 1 / (2 - n) FROM numbers"));
        assertThat(c.readBytes(failed.length)).isEqualTo(failed);
        c.send(query("SELECT 7"));
        assertThat(c.readBytes(next.length)).isEqualTo(next);
    }

    @Test
    void anErrorMessageOfSeveralMebibytesIsRelayedAndTheSessionGoesOn() throws Exception {
        // PostgreSQL quotes the input in many errors: SELECT repeat('x', 3000000)::int is a 3 MB ErrorResponse.
        // libpq accepts ErrorResponse of any length; the proxy must relay it like the error it is.
        byte[] failed = concat(rowDescription("n"), dataRow("1"),
                errorResponse("ERROR", "22P02", "invalid input syntax for type integer: \"" + "x".repeat(3_000_000) + "\""),
                readyForQuery('I'));
        byte[] next = concat(rowDescription("n"), dataRow("7"), commandComplete("SELECT 1"), readyForQuery('I'));
        rig.fake.then(c -> {
            c.expectQuery();
            c.writeInPieces(failed, 65_536, 0);
            c.expectQuery();
            c.write(next);
        });
        WireClient c = rig.client();
        login(c);
        c.send(query("SELECT repeat('x', 3000000)::int"));
        assertThat(c.readBytes(failed.length)).isEqualTo(failed);
        c.send(query("SELECT 7"));
        assertThat(c.readBytes(next.length)).isEqualTo(next);
    }

    @Test
    void noticesParameterStatusAndNotificationsBetweenDataRowsAreRelayedInOrder() throws Exception {
        // REFERENCE B.9: they may come at any time, even between DataRows; forward them, never count them as rows.
        byte[] answer = concat(rowDescription("n"), dataRow("1"), noticeResponse("NOTICE", "00000", "half way"),
                dataRow("2"), parameterStatus("TimeZone", "Europe/Vienna"), dataRow("3"),
                notificationResponse(4242, "news", "hello"), dataRow("4"), commandComplete("SELECT 4"),
                readyForQuery('I'));
        rig.fake.then(c -> {
            c.expectQuery();
            c.write(answer);
        });
        WireClient c = rig.client();
        login(c);
        c.send(query("SELECT n FROM numbers"));
        assertThat(c.readBytes(answer.length)).isEqualTo(answer);
        assertThat(tags(answer)).isEqualTo("TDNDSDADCZ");
    }

    @Test
    void aNotificationWhileTheSessionIsIdleReachesTheClientAtOnce() throws Exception {
        byte[] notification = notificationResponse(4242, "news", "while you were idle");
        rig.fake.then(c -> {
            Thread.sleep(200);
            c.write(notification);
            c.awaitEnd(10_000); // keep the connection until the client is done
        });
        WireClient c = rig.client();
        login(c);
        assertThat(c.readBytes(notification.length)).isEqualTo(notification);
    }

    @Test
    void aMessageTypeTheProxyDoesNotKnowIsRelayedUntouched() throws Exception {
        // Frames are relayed raw: judging a tag is the client's business (a newer server may have new messages).
        byte[] answer = concat(message('~', "future".getBytes(StandardCharsets.US_ASCII)), rowDescription("n"),
                dataRow("1"), commandComplete("SELECT 1"), readyForQuery('I'));
        rig.fake.then(c -> {
            c.expectQuery();
            c.write(answer);
        });
        WireClient c = rig.client();
        login(c);
        c.send(query("SELECT 1"));
        assertThat(c.readBytes(answer.length)).isEqualTo(answer);
    }

    @Test
    void aFatalFromTheBackendIsRelayedAsTheLastWordNotDoubled() throws Exception {
        // pg_terminate_backend or a server shutdown: the backend says FATAL itself, then closes.
        byte[] fatal = errorResponse("FATAL", "57P01", "terminating connection due to administrator command");
        rig.fake.then(c -> {
            c.expectQuery();
            c.write(concat(rowDescription("n"), dataRow("1"), fatal));
            c.close();
        });
        WireClient c = rig.client();
        login(c);
        c.send(query("SELECT n FROM numbers"));
        assertThat(c.read().tag()).isEqualTo('T');
        assertThat(c.read().tag()).isEqualTo('D');
        assertThat(c.readBytes(fatal.length)).isEqualTo(fatal);
        assertThat(c.readByte()).as("closed, no second FATAL from the proxy").isEqualTo(-1);
    }

    @Test
    void aBackendThatDiesAfterAPlainErrorStillGivesTheClientAFatal() throws Exception {
        // An ERROR is not the server's last word (ReadyForQuery should follow): a close right after it is a loss.
        byte[] error = errorResponse("ERROR", "22012", "division by zero");
        rig.fake.then(c -> {
            c.expectQuery();
            c.write(error);
            c.close();
        });
        WireClient c = rig.client();
        login(c);
        c.send(query("SELECT 1/0"));
        assertThat(c.readBytes(error.length)).isEqualTo(error);
        WireClient.Message e = c.read();
        assertThat(e.tag()).isEqualTo('E');
        assertThat(e.fields()).containsEntry('S', "FATAL").containsEntry('C', "08006");
        assertThat(c.closedWithin(2000)).isTrue();
    }

    /** The tags of a buffer of whole messages, e.g. "TDDCZ". */
    static String tags(byte[] messages) {
        StringBuilder t = new StringBuilder();
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(messages);
        while (b.hasRemaining()) {
            t.append((char) b.get());
            int len = b.getInt();
            b.position(b.position() + len - 4);
        }
        return t.toString();
    }
}
