package org.custodia.it;

import java.io.File;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;

/** Where the integration tests' own PostgreSQL and WildFly listen (set by Failsafe, see ear/pom.xml). */
public final class ItEnvironment {

    public static final String ADMIN_TOKEN = "it-admin-token-0123456789abcdef";
    public static final String DATABASE = "custodia_it";

    private ItEnvironment() {
    }

    public static int pgPort() {
        return Integer.parseInt(required("custodia.it.pg.port"));
    }

    /** The tests' PostgreSQL directory: throw-away, so in the system temp directory (run.sh's default is kept). */
    public static String pgHome() {
        return "/tmp/custodia-pg-" + pgPort();
    }

    public static String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + pgPort() + "/" + DATABASE;
    }

    public static String apiBase() {
        return "http://127.0.0.1:" + required("custodia.it.http.port") + "/api/v1";
    }

    public static File projectRoot() {
        return new File(required("custodia.it.project.root"));
    }

    /** The EAR exactly as built, deployed unchanged: the tests talk to it over HTTP and JDBC. */
    public static EnterpriseArchive ear() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(required("custodia.it.ear")));
    }

    static String required(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException("system property " + property + " is not set; run through Maven (mvn verify)");
        }
        return value;
    }
}
