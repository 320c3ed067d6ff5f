package org.custodia.dpia.infrastructure;

import java.io.InputStream;

import jakarta.enterprise.context.ApplicationScoped;

import org.custodia.bpmn.DpiaReviewProcess;
import org.custodia.platform.engine.ProcessModel;

/** dpia-review.bpmn, deployed to every tenant; its opinion tasks are worked by holders of {@code dpia:approve}. */
@ApplicationScoped
public class DpiaReviewProcessModel implements ProcessModel {

    @Override
    public String resource() {
        return DpiaReviewProcess.RESOURCE;
    }

    @Override
    public InputStream open() {
        return DpiaReviewProcess.class.getClassLoader().getResourceAsStream(DpiaReviewProcess.RESOURCE);
    }

    @Override
    public String processKey() {
        return DpiaReviewProcess.KEY;
    }

    @Override
    public String taskPermission() {
        return "dpia:approve";
    }

    /** The DPO's approval is the written opinion Art. 35(2) asks for: without one it records nothing. */
    @Override
    public boolean approvalStatesAnOpinion() {
        return true;
    }
}
