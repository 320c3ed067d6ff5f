package org.custodia.consent.infrastructure;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.custodia.consent.domain.PurposeTally;
import org.custodia.platform.persistence.TenantSession;

/** Per-purpose figures of the ledger and projection, counted by PostgreSQL (for the consent summary report). */
@ApplicationScoped
public class ConsentTallyRepository {

    @Inject
    TenantSession tenantSession;

    /** Per purpose, ordered by key: grants and withdrawals recorded in [from, to), and current grants. */
    public List<PurposeTally> tallies(UUID tenantId, Instant from, Instant to) throws SQLException {
        List<PurposeTally> tallies = new ArrayList<>();
        try (Connection c = tenantSession.connection(tenantId);
             PreparedStatement ps = c.prepareStatement("select p.purpose_key, p.name, p.version,"
                     + " count(e.id) filter (where e.decision = 'GRANTED'),"
                     + " count(e.id) filter (where e.decision = 'WITHDRAWN'),"
                     + " (select count(*) from app.consent_state s where s.purpose_id = p.id and s.decision = 'GRANTED')"
                     + " from app.consent_purpose p left join app.consent_event e on e.purpose_id = p.id"
                     + " and e.recorded_at >= ? and e.recorded_at < ? group by p.id order by p.purpose_key")) {
            ps.setTimestamp(1, Timestamp.from(from));
            ps.setTimestamp(2, Timestamp.from(to));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    tallies.add(new PurposeTally(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getLong(4),
                            rs.getLong(5), rs.getLong(6)));
                }
            }
        }
        return tallies;
    }
}
