package org.custodia.platform.config;

import java.nio.file.Path;
import java.util.Set;

/** What the application server tells about itself through its own system properties (WildFly's, not ours). */
public final class ServerEnvironment {

    private ServerEnvironment() {
    }

    /** The server's data directory (the working directory outside a server). */
    public static Path dataDirectory() {
        return Path.of(System.getProperty("jboss.server.data.dir", "."));
    }

    /**
     * The node's name (WildFly's {@code jboss.node.name}: the host name unless set), unique among the nodes of a
     * cluster and the same across restarts of a node; null outside a server.
     */
    public static String nodeName() {
        return System.getProperty("jboss.node.name");
    }

    /** The management interface's ports, port offset included. */
    public static Set<Integer> managementPorts() {
        int offset = Integer.getInteger("jboss.socket.binding.port-offset", 0);
        return Set.of(Integer.getInteger("jboss.management.http.port", 9990) + offset,
                Integer.getInteger("jboss.management.https.port", 9993) + offset);
    }
}
