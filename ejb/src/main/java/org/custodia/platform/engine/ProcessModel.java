package org.custodia.platform.engine;

import java.io.InputStream;

/**
 * A process model (BPMN or DMN) a context contributes: a CDI bean of the context implementing this is
 * deployed to every tenant by {@link TenantDeployments}; the engine knows no context.
 */
public interface ProcessModel {

    /** The resource name the engine records, e.g. {@code bpmn/dsar.bpmn}. */
    String resource();

    /** The model's bytes. */
    InputStream open();
}
