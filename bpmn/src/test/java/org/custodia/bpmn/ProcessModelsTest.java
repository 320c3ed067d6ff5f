package org.custodia.bpmn;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every model in {@code bpmn/} deploys on an engine configured like the server's (history time to live enforced),
 * so a model the server would refuse fails here, at build time, instead of as a 500 at its tenants' first request.
 */
class ProcessModelsTest {

    static ProcessEngine engine;

    @BeforeAll
    static void start() {
        StandaloneInMemProcessEngineConfiguration config = new StandaloneInMemProcessEngineConfiguration();
        config.setJdbcUrl("jdbc:h2:mem:process-models;DB_CLOSE_DELAY=-1");
        config.setJobExecutorActivate(false);
        config.setEnforceHistoryTimeToLive(true);
        engine = config.buildProcessEngine();
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @Test
    void everyModelDeploysOnItsOwn() throws Exception {
        List<String> models = models();
        assertThat(models).contains(DsarProcess.RESOURCE, RopaReviewProcess.RESOURCE, DpiaReviewProcess.RESOURCE);
        for (String model : models) {
            Deployment d = engine.getRepositoryService().createDeployment().name(model).addClasspathResource(model).deploy();
            assertThat(engine.getRepositoryService().createProcessDefinitionQuery().deploymentId(d.getId()).count()
                    + engine.getRepositoryService().createDecisionDefinitionQuery().deploymentId(d.getId()).count())
                    .as("%s defines a process or decision", model).isPositive();
        }
    }

    /** What a DPO reads as a diagram: every flow element drawn, every step named and documented, in every model. */
    @Test
    void everyFlowElementIsDrawnAndEveryStepDocumented() throws Exception {
        for (String resource : models()) {
            if (!resource.endsWith(".bpmn")) {
                continue;
            }
            BpmnModelInstance model = Bpmn.readModelFromStream(getClass().getClassLoader().getResourceAsStream(resource));
            Set<String> drawn = new HashSet<>();
            model.getModelElementsByType(BpmnShape.class).forEach(shape -> drawn.add(shape.getBpmnElement().getId()));
            model.getModelElementsByType(BpmnEdge.class).forEach(edge -> drawn.add(edge.getBpmnElement().getId()));
            Set<String> elements = new HashSet<>();
            model.getModelElementsByType(FlowElement.class).forEach(e -> elements.add(e.getId()));
            assertThat(drawn).as(resource).isEqualTo(elements);
            assertThat(model.getModelElementsByType(FlowNode.class)).as(resource)
                    .allSatisfy(node -> {
                        assertThat(node.getName()).as(resource + " " + node.getId()).isNotBlank();
                        assertThat(node.getDocumentations()).as(resource + " " + node.getId()).isNotEmpty();
                    });
        }
    }

    /** The resources under bpmn/ of this module's classes. */
    static List<String> models() throws Exception {
        Path classes = Path.of(DsarProcess.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (Stream<Path> files = Files.walk(classes.resolve("bpmn"))) {
            return files.filter(f -> f.toString().endsWith(".bpmn") || f.toString().endsWith(".dmn"))
                    .map(f -> classes.relativize(f).toString().replace('\\', '/')).sorted().toList();
        }
    }
}
