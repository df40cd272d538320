package org.pgaw.proxy.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;

/**
 * A one-connection loopback relay in front of the proxy that remembers the client's first byte: 0x16 proves a client
 * started TLS directly, 0x00 (the length of an SSLRequest) that it negotiated first.
 */
final class FirstByteRecorder implements AutoCloseable {
    private final ServerSocket listener;
    private final CompletableFuture<Integer> firstByte = new CompletableFuture<>();

    FirstByteRecorder(InetSocketAddress target) throws IOException {
        listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> relayOne(target), "first-byte-recorder");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    int firstByte() throws Exception {
        return firstByte.get(10, java.util.concurrent.TimeUnit.SECONDS);
    }

    private void relayOne(InetSocketAddress target) {
        try (Socket client = listener.accept(); Socket server = new Socket()) {
            client.setSoTimeout(10_000);
            server.connect(target, 5_000);
            InputStream in = client.getInputStream();
            int first = in.read();
            firstByte.complete(first);
            server.getOutputStream().write(first);
            Thread back = new Thread(() -> pump(server, client), "first-byte-recorder-back");
            back.setDaemon(true);
            back.start();
            pump(client, server);
            back.join(5_000);
        } catch (IOException | InterruptedException e) {
            firstByte.completeExceptionally(e);
        }
    }

    private static void pump(Socket from, Socket to) {
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) > 0) {
                out.write(buffer, 0, n);
                out.flush();
            }
            to.shutdownOutput();
        } catch (IOException e) {
            // one side closed: the relay ends with it
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
