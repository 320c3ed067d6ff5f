package org.custodia.platform.outbound;

import java.util.Set;
import org.custodia.platform.config.Setting;
import org.custodia.platform.config.ServerEnvironment;

/**
 * Where the server may send requests to URLs that tenants influence. Outside development only HTTPS to
 * public addresses; {@code custodia.outbound.allow.private} (env {@code CUSTODIA_OUTBOUND_ALLOW_PRIVATE},
 * default false) also allows plain HTTP and loopback/private addresses, for a provider on the same
 * machine or network in development and tests. Link-local (cloud metadata), unspecified, multicast and
 * reserved addresses and the server's management ports stay refused either way.
 */
public record OutboundPolicy(boolean allowPrivate, Set<Integer> refusedPorts) {

    public OutboundPolicy {
        refusedPorts = Set.copyOf(refusedPorts);
    }

    /** From the settings: the allowance, and WildFly's management ports (HTTP and HTTPS, with the port offset). */
    public static OutboundPolicy fromSettings() {
        return new OutboundPolicy(allowPrivateSetting(), ServerEnvironment.managementPorts());
    }

    static boolean allowPrivateSetting() {
        return Setting.OUTBOUND_ALLOW_PRIVATE.flag();
    }

    public boolean allowsScheme(String scheme) {
        return "https".equals(scheme) || (allowPrivate && "http".equals(scheme));
    }

    public boolean allows(AddressClass c) {
        return c == AddressClass.PUBLIC || (allowPrivate && (c == AddressClass.LOOPBACK || c == AddressClass.PRIVATE));
    }
}
