package io.tagger.ingestservice.access;

import io.tagger.ingestservice.TracksResource;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Takes an upload's slot ({@link AccessControl#uploads}: in all and per key) as soon as the
 * request's head has passed the access check — before its body is read and spooled to disk — or
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
        router.route().order(-99).handler(this::take); // right after AccessRoute (-100)
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
        Object key = ctx.get(AccessRoute.KEY_NAME);
        AutoCloseable slot = access.uploads().tryEnter(key == null ? "" : key.toString());
        if (slot == null) {
            ctx.response().setStatusCode(429).putHeader("Retry-After", "1").putHeader("Content-Type", "application/json")
                    .putHeader("Connection", "close")
                    .end(new JsonObject().put("error", "too many uploads at a time; retry when one has finished").encode());
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
