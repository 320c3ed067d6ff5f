package org.custodia.platform.engine;

import java.util.Map;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionManager;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.JakartaTransactionProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.jobexecutor.DefaultJobExecutor;
import org.custodia.bpmn.DsarProcess;
import org.custodia.dsar.infrastructure.DsarDeadlineDelegate;
import org.custodia.platform.persistence.TenantSession;
import org.custodia.platform.config.Setting;

/**
 * The one embedded Camunda 7 engine: on the application's JTA datasource and transaction manager,
 * tables in schema {@code engine} (created by Flyway, not by the engine), job executor on, tenant
 * check on. Delegates are EJBs registered by name, so they run inside the job's JTA transaction.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class ProcessEngineBootstrap {

    @Resource(lookup = "java:jboss/TransactionManager")
    TransactionManager transactionManager;

    @Inject
    DsarDeadlineDelegate dsarDeadlineDelegate;

    private volatile ProcessEngine engine;

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
        config.setBeans(Map.of(DsarProcess.BEAN_DEADLINE_REACHED, dsarDeadlineDelegate));

        DefaultJobExecutor jobExecutor = new DefaultJobExecutor();
        // an idle executor backs off; keep the back-off short so deadline timers fire promptly
        jobExecutor.setWaitTimeInMillis(Setting.JOBS_WAIT_MS.integer());
        jobExecutor.setMaxWait(Setting.JOBS_MAX_WAIT_MS.longValue());
        config.setJobExecutor(jobExecutor);
        config.setJobExecutorActivate(true);
        engine = config.buildProcessEngine();
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
}
