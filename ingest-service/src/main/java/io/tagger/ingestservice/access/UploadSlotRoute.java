package io.tagger.ingestservice.access;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.tagger.access.http.Problem;
import io.tagger.ingestservice.TracksResource;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Takes an upload's slot ({@link AccessControl#uploads}: in all and per key) as soon as the
 * request's caller is known (the shared authentication mechanism, from the request's head) — before its body is read and spooled to disk — or
 * refuses it with 429 there. The slot is given back when the exchange ends, however it ends
 * (answered, refused, failed, or the client gone mid-body); {@link TracksResource} finds it in
 * the routing context.
 */
@ApplicationScoped
public class UploadSlotRoute {
    /** The routing-context entry holding the request's slot. */
    public static final String SLOT = "tagger.upload-slot";

    @Inject
    AccessControl access;

    void install(@Observes Router router) {
        router.route().order(-99).handler(this::take);
    }

    /** True for the requests that upload: {@code POST /tracks} (the only POST under /tracks, however spelled). */
    public static boolean isUpload(String method, String path) {
        return method.equals("POST") && path.startsWith("/tracks");
    }

    void take(RoutingContext ctx) {
        if (!isUpload(ctx.request().method().name(), ctx.request().path())) {
            ctx.next();
            return;
        }
        // The caller (authentication is lazy and remembered: this asks once, the permission check reuses it).
        QuarkusHttpUser.getSecurityIdentity(ctx, null).subscribe().with(who -> takeFor(ctx, who), failed -> {
            if (!ctx.response().ended()) {
                ctx.next(); // refused: the security layer answers it
            }
        });
    }

    private void takeFor(RoutingContext ctx, SecurityIdentity who) {
        if (who == null || who.isAnonymous()) {
            ctx.next(); // the security layer refuses it
            return;
        }
        AutoCloseable slot = access.uploads().tryEnter(who.getPrincipal().getName());
        if (slot == null) {
            ctx.response().putHeader("Connection", "close");
            Problem.of(Problem.Type.TOO_MANY_UPLOADS, "too many uploads at a time; retry when one has finished",
                    ctx.request().path()).withHeader("Retry-After", "1").send(ctx);
            return;
        }
        AtomicBoolean released = new AtomicBoolean();
        ctx.put(SLOT, slot);
        ctx.addEndHandler(done -> {
            if (released.compareAndSet(false, true)) {
                try {
                    slot.close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        ctx.next();
    }
}
