package org.custodia.platform.schema;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Statement;
import java.util.List;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Creates Camunda's tables in schema {@code engine} from the DDL shipped inside the engine jar, so the
 * schema owner owns them and the application role only gets DML.
 */
public class V2__CamundaEngineSchema extends BaseJavaMigration {

    private static final List<String> PARTS = List.of(
            "engine", "history", "identity", "case.engine", "case.history", "decision.engine", "decision.history");

    @Override
    public void migrate(Context context) throws Exception {
        try (Statement s = context.getConnection().createStatement()) {
            s.execute("set local search_path to engine");
            for (String part : PARTS) {
                s.execute(script("org/camunda/bpm/engine/db/create/activiti.postgres.create." + part + ".sql"));
            }
            s.execute("grant select, insert, update, delete on all tables in schema engine to custodia_app");
            s.execute("set local search_path to app");
        }
    }

    private static String script(String resource) throws IOException {
        try (InputStream in = V2__CamundaEngineSchema.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing engine DDL " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
