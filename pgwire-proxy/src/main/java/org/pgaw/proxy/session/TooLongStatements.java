package org.pgaw.proxy.session;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import org.pgaw.proxy.codec.Frame;
import org.pgaw.proxy.codec.TooLongStatement;
import org.pgaw.proxy.protocol.BackendTag;

/** The session's side of {@link TooLongStatement}: the backend's refusal of a stand-in becomes the learner's ERROR. */
final class TooLongStatements {
    private TooLongStatements() { }

    /** The same frame, or (released) its replacement when it is the error about a stand-in. */
    static Frame reword(Frame error, ByteBufAllocator alloc) {
        ByteBuf mine = TooLongStatement.reworded(alloc, error.body());
        if (mine == null) return error;
        error.release();
        return new Frame(BackendTag.ERROR_RESPONSE, mine);
    }
}
