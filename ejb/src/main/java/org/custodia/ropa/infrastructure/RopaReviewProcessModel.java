package org.custodia.ropa.infrastructure;

import java.io.InputStream;

import jakarta.enterprise.context.ApplicationScoped;

import org.custodia.bpmn.RopaReviewProcess;
import org.custodia.platform.engine.ProcessModel;

/** ropa-review.bpmn, deployed to every tenant; its review tasks are worked by holders of {@code ropa:approve}. */
@ApplicationScoped
public class RopaReviewProcessModel implements ProcessModel {

    @Override
    public String resource() {
        return RopaReviewProcess.RESOURCE;
    }

    @Override
    public InputStream open() {
        return RopaReviewProcess.class.getClassLoader().getResourceAsStream(RopaReviewProcess.RESOURCE);
    }

    @Override
    public String processKey() {
        return RopaReviewProcess.KEY;
    }

    @Override
    public String taskPermission() {
        return "ropa:approve";
    }
}
