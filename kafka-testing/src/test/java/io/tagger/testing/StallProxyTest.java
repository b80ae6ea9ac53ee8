package io.tagger.testing;

import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The relay passes bytes both ways, holds them while stalled, and passes them on when resumed. */
class StallProxyTest {
    @Test
    void holdsBytesWhileStalledAndPassesThemOnWhenResumed() throws Exception {
        try (ServerSocket echo = new ServerSocket(0, 10, InetAddress.getLoopbackAddress()); StallProxy proxy = new StallProxy()) {
            Thread t = new Thread(() -> {
                try (Socket s = echo.accept(); InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                    int b;
                    while ((b = in.read()) >= 0) {
                        out.write(b);
                        out.flush();
                    }
                } catch (Exception ignored) {
                    // closed
                }
            });
            t.setDaemon(true);
            t.start();
            proxy.target(echo.getLocalPort());
            try (Socket c = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
                c.setSoTimeout(500);
                c.getOutputStream().write(1);
                assertEquals(1, c.getInputStream().read());
                proxy.stall();
                c.getOutputStream().write(2);
                assertThrows(SocketTimeoutException.class, () -> c.getInputStream().read());
                proxy.resume();
                c.setSoTimeout(5000);
                assertEquals(2, c.getInputStream().read());
            }
        }
    }
}
