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
