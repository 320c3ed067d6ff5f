package org.custodia.dsar.infrastructure;

import java.io.InputStream;

import jakarta.enterprise.context.ApplicationScoped;

import org.custodia.bpmn.DsarProcess;
import org.custodia.platform.engine.ProcessModel;

/** dsar.bpmn, deployed to every tenant; its review tasks are worked by holders of {@code dsar:approve}. */
@ApplicationScoped
public class DsarProcessModel implements ProcessModel {

    @Override
    public String resource() {
        return DsarProcess.RESOURCE;
    }

    @Override
    public InputStream open() {
        return DsarProcess.class.getClassLoader().getResourceAsStream(DsarProcess.RESOURCE);
    }

    @Override
    public String processKey() {
        return DsarProcess.KEY;
    }

    @Override
    public String taskPermission() {
        return "dsar:approve";
    }
}
