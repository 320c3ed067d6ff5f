package org.custodia.platform.engine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

import javax.sql.DataSource;

/**
 * Who the job executor's locks name, and what a starting node does with the locks it left behind.
 *
 * <p>The engine locks a job for five minutes before running it. Camunda's default owner is a random id per start,
 * so a job that was running when the server died (killed, out of memory, power cut) stayed locked by a process
 * that no longer exists, and its step (a discovery search, a deadline timer falling due at that moment) waited
 * out those minutes after a restart. The owner here is the WildFly node name instead: the same across restarts,
 * and different on every node of a cluster (the transaction manager needs that too). A node's engine starts
 * before its job executor runs anything, so no lock in its name can belong to a running job (a redeployment in a
 * running server first stops the old executor, which waits up to a minute for its jobs; a connector call is
 * bounded by 15 s over HTTP and 30 s per SQL query, and should two runs of a job still overlap, the engine's
 * optimistic locking commits only one): releasing them lets the interrupted steps run again at once. Their
 * transactions died with the server (PostgreSQL rolled them back), so a step runs again from its last committed
 * state, like any retried job.
 */
final class NodeJobLocks {

    private NodeJobLocks() {
    }

    /**
     * This node's lock owner, from its node name ({@code ServerEnvironment.nodeName()}); without one (outside
     * WildFly) a random one, as Camunda's default, so no lock is ever released early.
     */
    static String owner(String nodeName) {
        return nodeName == null || nodeName.isBlank() ? "custodia-" + UUID.randomUUID() : "custodia:" + nodeName.strip();
    }

    /**
     * Releases the jobs still locked in this node's name; only for a node whose job executor has not started yet.
     * Returns how many. The version is raised so an engine holding the old row in memory could not write it back.
     */
    static int releaseLeftBy(DataSource dataSource, String owner) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("update engine.act_ru_job set lock_owner_ = null, lock_exp_time_ = null,"
                     + " rev_ = rev_ + 1 where lock_owner_ = ?")) {
            s.setString(1, owner);
            return s.executeUpdate();
        }
    }
}
