package org.custodia.it;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Sends what another Custodia node would send after a commit: a change-feed notification (PostgreSQL NOTIFY). */
final class ClusterNotifications {

    private ClusterNotifications() {
    }

    /** A connection listening to what the nodes announce; close it when done. */
    static Connection listen() throws SQLException {
        Connection c = TestDatabase.superuser(ItEnvironment.DATABASE);
        try (java.sql.Statement s = c.createStatement()) {
            s.execute("LISTEN custodia_changes");
        }
        return c;
    }

    /** Whether a node announced {@code kind} with {@code parts} (after its node id) within a few seconds. */
    static boolean announced(Connection listening, String kind, String... parts) throws Exception {
        List<String> expected = new ArrayList<>(List.of(kind));
        expected.addAll(List.of(parts));
        for (int i = 0; i < 10; i++) {
            org.postgresql.PGNotification[] received = listening.unwrap(org.postgresql.PGConnection.class).getNotifications(500);
            for (org.postgresql.PGNotification n : received == null ? new org.postgresql.PGNotification[0] : received) {
                List<String> message = List.of(Api.JSON.readValue(n.getParameter(), String[].class));
                if (message.subList(1, message.size()).equals(expected)) {
                    return true;
                }
            }
        }
        return false;
    }

    static void send(String kind, String... parts) throws SQLException {
        List<String> message = new ArrayList<>(List.of(UUID.randomUUID().toString(), kind));
        message.addAll(List.of(parts));
        try (Connection c = TestDatabase.superuser(ItEnvironment.DATABASE);
             PreparedStatement s = c.prepareStatement("select pg_notify('custodia_changes', ?)")) {
            s.setString(1, Api.JSON.valueToTree(message).toString());
            s.execute();
        }
    }
}
