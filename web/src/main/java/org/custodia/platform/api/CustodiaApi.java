package org.custodia.platform.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The versioned HTTP API. Resources and providers are discovered in this WAR. */
@ApplicationPath("/api/v1")
public class CustodiaApi extends Application {
}
