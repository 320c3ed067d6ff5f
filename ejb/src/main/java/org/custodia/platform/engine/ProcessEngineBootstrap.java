package org.custodia.platform.engine;

import java.sql.SQLException;

import javax.sql.DataSource;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionManager;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.JakartaTransactionProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.jobexecutor.DefaultJobExecutor;
import org.custodia.platform.config.ServerEnvironment;
import org.custodia.platform.persistence.TenantSession;
import org.jboss.logging.Logger;

/**
 * The one embedded Camunda 7 engine: on the application's JTA datasource and transaction manager,
 * tables in schema {@code engine} (created by Flyway, not by the engine), job executor on, tenant
 * check on. Delegates are the contexts' {@code @Named} beans (EJBs, so they run inside the job's JTA transaction).
 * The job executor locks jobs in this node's name and starts once the locks a previous run of this node left are
 * released ({@link NodeJobLocks}): steps cut off by a crash run again at once, not minutes later.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class ProcessEngineBootstrap {

    private static final Logger LOG = Logger.getLogger(ProcessEngineBootstrap.class);

    @Resource(lookup = "java:jboss/TransactionManager")
    TransactionManager transactionManager;

    @Resource(lookup = TenantSession.DATASOURCE)
    DataSource dataSource;

    @Inject
    BeanManager beanManager;

    private volatile ProcessEngine engine;
    private volatile DefaultJobExecutor jobExecutor;

    @PostConstruct
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void start() {
        JakartaTransactionProcessEngineConfiguration config = new JakartaTransactionProcessEngineConfiguration();
        config.setProcessEngineName("custodia");
        config.setDataSourceJndiName(TenantSession.DATASOURCE);
        config.setTransactionManager(transactionManager);
        config.setTransactionsExternallyManaged(true);
        config.setDatabaseType("postgres");
        config.setDatabaseSchemaUpdate("false");
        config.setDatabaseSchema("engine");
        config.setDatabaseTablePrefix("engine.");
        config.setHistory("audit");
        config.setTenantCheckEnabled(true);
        config.setMetricsEnabled(false);
        config.setBeans(new NamedBeans(beanManager)); // delegates are the contexts' @Named beans

        DefaultJobExecutor jobExecutor = JobExecutorSizing.configured().executor();
        jobExecutor.setLockOwner(NodeJobLocks.owner(ServerEnvironment.nodeName()));
        config.setJobExecutor(jobExecutor);
        config.setJobExecutorActivate(false); // started below, after this node's old locks are released
        engine = config.buildProcessEngine();
        LOG.infof("job executor: %d to %d threads, queue %d, %d jobs per acquisition, idle wait %d ms, back-off at most %d ms",
                jobExecutor.getCorePoolSize(), jobExecutor.getMaxPoolSize(), jobExecutor.getQueueSize(),
                jobExecutor.getMaxJobsPerAcquisition(), jobExecutor.getWaitTimeInMillis(), jobExecutor.getMaxWait());
        try {
            int released = NodeJobLocks.releaseLeftBy(dataSource, jobExecutor.getLockOwner());
            if (released > 0) {
                LOG.infof("released %d job locks held by %s when it last stopped; those steps run again now", released,
                        jobExecutor.getLockOwner());
            }
        } catch (SQLException e) {
            // not fatal: those jobs are taken again when their locks expire (five minutes)
            LOG.warnf("could not release the job locks %s left: %s", jobExecutor.getLockOwner(), e.getMessage());
        }
        jobExecutor.start();
        this.jobExecutor = jobExecutor;
    }

    @PreDestroy
    void stop() {
        if (engine != null) {
            engine.close();
        }
    }

    public ProcessEngine engine() {
        return engine;
    }

    /** Whether this node's job executor acquires and runs jobs (timers, asynchronous steps). */
    public boolean jobExecutorActive() {
        DefaultJobExecutor executor = jobExecutor;
        return executor != null && executor.isActive();
    }
}
