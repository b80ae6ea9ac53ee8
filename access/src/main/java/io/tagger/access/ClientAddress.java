package io.tagger.access;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Who a request comes from, for per-client limits: the peer's IP address as the HTTP server sees
 * it (behind a proxy, that is the proxy unless Quarkus's {@code quarkus.http.proxy.*} forwarding
 * is configured). An IPv6 address counts by its /64 network, which one client usually holds whole.
 */
public final class ClientAddress {
    private ClientAddress() {
    }

    public static String of(HttpServerRequest req) {
        SocketAddress a = req.remoteAddress();
        return a == null || a.hostAddress() == null ? "unknown" : normalize(a.hostAddress());
    }

    static String normalize(String ip) {
        if (!ip.contains(":")) {
            return ip;
        }
        try {
            InetAddress parsed = InetAddress.getByName(ip); // an IP literal: no name lookup
            if (parsed instanceof Inet6Address) {
                byte[] b = parsed.getAddress();
                for (int i = 8; i < 16; i++) {
                    b[i] = 0;
                }
                return InetAddress.getByAddress(b).getHostAddress() + "/64";
            }
            return parsed.getHostAddress();
        } catch (UnknownHostException e) {
            return ip;
        }
    }
}
