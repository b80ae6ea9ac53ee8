package io.tagger.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay in front of the in-process broker that can stall: while stalled it still accepts
 * connections and reads what clients send, but passes nothing on in either direction, as a broker
 * stopped with {@code kill -STOP} does (connections stay open, nothing is answered). Resuming
 * passes everything held on, in order.
 */
final class StallProxy implements AutoCloseable {
    private final ServerSocket server;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final Object gate = new Object();
    private volatile boolean stalled;
    private volatile int targetPort = -1;
    private volatile boolean closed;

    StallProxy() throws IOException {
        server = new ServerSocket(0, 100, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::accept, "stall-proxy-accept");
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return server.getLocalPort();
    }

    void target(int port) {
        synchronized (gate) {
            targetPort = port;
            gate.notifyAll();
        }
    }

    void stall() {
        stalled = true;
    }

    void resume() {
        synchronized (gate) {
            stalled = false;
            gate.notifyAll();
        }
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = server.accept();
                sockets.add(client);
                Thread t = new Thread(() -> connect(client), "stall-proxy-connect");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    private void connect(Socket client) {
        try {
            awaitOpen(true);
            Socket broker = new Socket(InetAddress.getLoopbackAddress(), targetPort);
            sockets.add(broker);
            start(client, broker);
            start(broker, client);
        } catch (IOException | InterruptedException e) {
            closeQuietly(client);
        }
    }

    private void start(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[1 << 16];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    awaitOpen(false);
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // a side closed
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "stall-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    private void awaitOpen(boolean needTarget) throws InterruptedException {
        synchronized (gate) {
            while (!closed && (stalled || (needTarget && targetPort < 0))) {
                gate.wait(100);
            }
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        resume();
        server.close();
        sockets.forEach(StallProxy::closeQuietly);
    }
}
