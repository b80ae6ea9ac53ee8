package io.tagger.access.http;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.tagger.access.ApiKeys;
import io.tagger.access.Role;

/**
 * The roles of the services' {@code @RolesAllowed}: {@link #READER} (read tags, browse, the web
 * page) and {@link #UPLOADER} (also upload). An uploader key holds both roles, as it may do all a
 * reader may. The identity of a key is named after the key's name and keeps the key itself (the
 * attribute {@link #KEY}), which the ingest service passes on to the inference service.
 */
public final class Roles {
    public static final String READER = "reader";
    public static final String UPLOADER = "uploader";
    /** The identity's attribute holding the caller's API key (however it came: header or session). */
    public static final String KEY = "tagger.key";

    private Roles() {
    }

    static SecurityIdentity identity(ApiKeys.Principal who, String key) {
        QuarkusSecurityIdentity.Builder b = QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(who.name()))
                .addRole(READER).addAttribute(KEY, key);
        if (who.role() == Role.UPLOADER) {
            b.addRole(UPLOADER);
        }
        return b.build();
    }

    /** The caller's key, or null for an anonymous identity. */
    public static String key(SecurityIdentity identity) {
        return identity == null || identity.isAnonymous() ? null : identity.getAttribute(KEY);
    }

    /** Why {@code who} may not make a request: its key's name and role, and the role the request needs. */
    public static String whyForbidden(SecurityIdentity who) {
        if (who == null || who.isAnonymous()) {
            return "this request needs another role";
        }
        String role = roleOf(who);
        return "the key '" + who.getPrincipal().getName() + "' has the " + role + " role; this request needs "
                + (role.equals(READER) ? UPLOADER : "another role");
    }

    /** The key's role as the keys file names it. */
    public static String roleOf(SecurityIdentity identity) {
        return identity.hasRole(UPLOADER) ? UPLOADER : READER;
    }
}
