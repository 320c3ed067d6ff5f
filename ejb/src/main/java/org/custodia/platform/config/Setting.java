package org.custodia.platform.config;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Every setting of the installation, in one list: its environment variable, its default and what it means.
 * The server reads a setting as system property ({@code CUSTODIA_DB_URL} is {@code -Dcustodia.db.url}) first,
 * then environment variable, then default; a blank value counts as unset, any other is taken as given (a
 * password may begin or end with a space); numbers, flags and intervals are checked when the server starts. The README's configuration table is
 * generated from this list and a test keeps the two equal, so a new setting is documented or the build fails.
 * Settings read only by run.sh or the WildFly configuration are listed too (they are the same table for users).
 */
public enum Setting {

    // the database (server datasource, migration tool)
    DB_URL("jdbc:postgresql://127.0.0.1:5432/custodia", "unset: run.sh starts a private PostgreSQL and uses"
            + " `jdbc:postgresql://127.0.0.1:$CUSTODIA_PG_PORT/custodia`; elsewhere `jdbc:postgresql://127.0.0.1:5432/custodia`",
            ReadBy.SERVER_AND_MIGRATION, "JDBC URL of the database"),
    DB_USER("custodia_app", null, ReadBy.WILDFLY, "the server's datasource role: no ownership, no BYPASSRLS"),
    DB_PASSWORD("custodia_app", null, ReadBy.SERVER_AND_MIGRATION, "its password"),
    DB_OWNER_PASSWORD("custodia_owner", null, ReadBy.MIGRATION,
            "password of `custodia_owner`, which owns the schemas and runs the migrations"),
    DB_ADMIN_URL(null, "set by run.sh for its private PostgreSQL", ReadBy.MIGRATION,
            "optional superuser connection; when set, migration first creates the two roles and the database"),
    DB_ADMIN_USER("postgres", null, ReadBy.MIGRATION, "its user"),
    DB_ADMIN_PASSWORD("postgres", null, ReadBy.MIGRATION, "its password"),
    DB_POOL_MAX("40", null, ReadBy.WILDFLY, "datasource pool size"),

    // run.sh and its private PostgreSQL
    PG_PORT("15432", null, ReadBy.RUN_SH, "port of the private PostgreSQL (127.0.0.1 only)"),
    PG_HOME(null, "`/var/lib/custodia/postgres-$CUSTODIA_PG_PORT` as root, else `~/.local/share/custodia/postgres-$CUSTODIA_PG_PORT`",
            ReadBy.RUN_SH, "its binaries, data, socket and log, kept between runs (`run.sh` names it in its banner); beside it `<dir>.suite/` keeps what belongs to that database: the key store, the admin token, the demo tenant's key and logins"),
    PG_PASSWORD("postgres", null, ReadBy.RUN_SH, "its superuser password (loopback only)"),
    PG_FSYNC("on", null, ReadBy.RUN_SH, "its `fsync` (the tests turn it off for speed; keep it on for data you care about)"),
    HOME(null, "`.custodia/` in the checkout", ReadBy.RUN_SH,
            "run.sh's server base directory (configuration and deployment copied from the build at each start, logs, server data), its run lock"),
    PORT_OFFSET("0", null, ReadBy.RUN_SH, "WildFly port offset (HTTP = 8080 + offset, management = 9990 + offset)"),
    BIND_ADDRESS("127.0.0.1", null, ReadBy.RUN_SH, "address WildFly listens on"),
    JAVA_OPTS("-Xms512m -Xmx2g", null, ReadBy.RUN_SH, "JVM options of the server"),

    // the server
    ENV("development", null, ReadBy.SERVER_AND_MIGRATION, "any other value (e.g. `production`): the server refuses to"
            + " deploy and the migration tool to run while the keystore password or a database password is its built-in"
            + " development value, or the admin token is shorter than 24 characters (see [Security model](#security-model))"),
    PUBLIC_URL("http://localhost:8080", "`http://localhost:8080` (run.sh: its own URL)", ReadBy.SERVER,
            "where users reach the suite: links in mail and the OIDC redirect URI are built from it"),
    ADMIN_TOKEN(null, "generated and printed by run.sh", ReadBy.SERVER, "the operator's token for `POST /api/v1/tenants`"
            + " (at least 16 characters, 24 outside development; unset on the server = bootstrap off)"),
    SMTP_HOST("127.0.0.1", null, ReadBy.WILDFLY, "outbound mail server (mail session `java:jboss/mail/Custodia`)"),
    SMTP_PORT("2525", null, ReadBy.WILDFLY, "its port"),
    MAIL_FROM("custodia@localhost", null, ReadBy.WILDFLY, "sender address"),
    MAIL_THREADS("8", null, ReadBy.WILDFLY, "threads sending queued mail after commit (each on an SMTP connection kept between messages)"),
    MAIL_TEMPLATES_DIR(null, "unset: the shipped templates only", ReadBy.SERVER, "directory of tenants' own mail templates:"
            + " `<tenant id or slug>/<mail type>/<language>/subject.peb`, `body.html.peb`, `body.txt.peb` replace the shipped"
            + " ones file by file (see [Mail templates](#mail-templates))"),
    LOG_LEVEL("INFO", null, ReadBy.WILDFLY, "level of the `org.custodia` loggers"),
    KEYSTORE(null, "`<server data dir>/custodia-kek.p12` (run.sh with its private PostgreSQL: `$CUSTODIA_PG_HOME.suite/`, beside the database)", ReadBy.SERVER,
            "PKCS#12 keystore holding the key-encryption key that wraps every tenant's data keys; created on first start — back it up"),
    KEYSTORE_PASSWORD(null, "a development password (a warning is logged)", ReadBy.SERVER, "its password"),
    TSA_URL(null, null, ReadBy.SERVER, "RFC 3161 time-stamp authority (fetched through the outbound-URL guard: HTTPS,"
            + " public address): when set, report signatures are PAdES B-T instead of B-B"),
    OUTBOUND_ALLOW_PRIVATE(Kind.FLAG, "false", null, ReadBy.SERVER, "development only: lets outbound fetches (OIDC, TSA) use http"
            + " and loopback/private addresses; link-local/metadata, unspecified, multicast and the management ports stay refused"),
    TRUSTED_PROXIES(null, "none", ReadBy.SERVER, "comma-separated CIDRs of reverse proxies whose `X-Forwarded-For` is"
            + " believed (the right-most untrusted hop is the client); a malformed entry stops the server"),

    // limits
    SIGNIN_PER_MINUTE(Kind.NUMBER, "30", null, ReadBy.SERVER, "sign-in, reset and invitation requests per client address per minute"),
    SIGNIN_TENANT_PER_MINUTE(Kind.NUMBER, "300", null, ReadBy.SERVER, "sign-in, reset and SSO login requests per organisation per minute"),
    DSAR_INTAKE_PER_HOUR(Kind.NUMBER, "20", null, ReadBy.SERVER, "public data subject requests per client address per hour, and"
            + " as many email confirmations, package downloads, status pages and consent pages, each (known and unknown"
            + " organisations alike), and connector callbacks refused for their signature"),
    PACKAGE_READS(Kind.NUMBER, "4", null, ReadBy.SERVER, "response packages opened at once on a node, each held until it"
            + " is sent (a file or archive is decrypted and zipped in memory, up to 2 × 32 MiB each); more wait up to 5 s,"
            + " then get 503 with Retry-After; at least 1"),
    RATELIMIT_CHECKS(Kind.NUMBER, "10000", null, ReadBy.SERVER, "consent checks per tenant and per key per minute, unless the tenant sets `checksPerMinute`"),
    RATELIMIT_MUTATIONS(Kind.NUMBER, "1000", null, ReadBy.SERVER, "changes per tenant and per key per minute, unless the tenant sets `mutationsPerMinute`"),
    RATELIMIT_COSTLY(Kind.NUMBER, "6", null, ReadBy.SERVER, "costly operations (audit verify and export, consent export and summary,"
            + " report verification) per tenant and per key per minute, unless the tenant sets `costlyPerMinute`"),

    // caches: how long a node that missed a cluster notification may serve an old answer
    CONSENT_CACHE_SECONDS(Kind.NUMBER, "600", null, ReadBy.SERVER, "the longest a node answers a consent check from memory without"
            + " asking the database (a tenant's consent states are loaded in bulk on its first check after start); a"
            + " decision is visible at once on every node through PostgreSQL `NOTIFY custodia_changes`, this only"
            + " bounds what a node that missed one may serve"),
    CONSENT_CACHE_ENTRIES(Kind.NUMBER, "2000000", null, ReadBy.SERVER, "bound of the in-memory consent states (Caffeine, W-TinyLFU eviction)"),
    APIKEY_CACHE_SECONDS(Kind.NUMBER, "30", null, ReadBy.SERVER, "the longest a node resolves an API key from memory (revocation and"
            + " rotation reach every node at once through `NOTIFY`)"),
    APIKEY_UNKNOWN_CACHE_SECONDS(Kind.NUMBER, "5", null, ReadBy.SERVER, "how long a well-formed but unknown API key is answered 401 from memory"),
    OIDC_JWKS_MIN_REFRESH_MS(Kind.NUMBER, "5000", null, ReadBy.SERVER, "least time between two fetches of an identity provider's JWKS"),

    // periodic jobs: an ISO-8601 duration (PT15M), whole seconds (30) or off
    MAIL_RETRY_SECONDS(Kind.INTERVAL, "30", null, ReadBy.SERVER, "how often unsent mail (SMTP down at commit) is retried, with back-off per message"),
    MAIL_KEEP_SENT(Kind.INTERVAL, "P1D", null, ReadBy.SERVER, "how long a sent mail keeps its address and text in the outbox"
            + " (then only its subject and times stay); a mail given up on after 20 failed tries forgets them the same time"
            + " after it was queued; done by the retry round, so nothing is forgotten while `CUSTODIA_MAIL_RETRY_SECONDS` is"
            + " off; off: kept"),
    CONSENT_EXPIRY_SECONDS(Kind.INTERVAL, "60", null, ReadBy.SERVER, "how often grants past their `expiresAt` get their EXPIRED ledger"
            + " event (the check answers EXPIRED from the instant of expiry either way)"),
    CHECKPOINT_INTERVAL(Kind.INTERVAL, "PT1H", null, ReadBy.SERVER, "how often every tenant's audit chain gets a signed checkpoint; idle chains are skipped"),
    SIGNIN_SUMMARY_INTERVAL(Kind.INTERVAL, "PT15M", null, ReadBy.SERVER, "how often failed sign-ins are summarised into each tenant's audit chain"),
    PACKAGE_PURGE_INTERVAL(Kind.INTERVAL, "PT1H", null, ReadBy.SERVER, "how often the answers of ended DSARs past their tenant's"
            + " `packageRetention` lose their contents (hashes and sizes stay)"),
    REMINDER_INTERVAL(Kind.INTERVAL, "PT1H", null, ReadBy.SERVER, "how often owners are mailed about dates 14 days ahead or"
            + " passed: review dates of register entries and DPIAs, due dates of risk treatment plans (one mail each per date)"),
    WEBHOOK_DISPATCH_INTERVAL(Kind.INTERVAL, "1", null, ReadBy.SERVER, "how often each node looks for webhook deliveries that are due"
            + " (retries, and events of other nodes); a change also wakes its own node's dispatcher at once"),
    WEBHOOK_KEEP_DELIVERED(Kind.INTERVAL, "P30D", null, ReadBy.SERVER, "how long a delivered or failed webhook event keeps its"
            + " body (consent events name the subject) and its attempt log; off: kept"),
    WEBHOOK_RETRY_SECONDS(Kind.TEXT, "5,300,1800,7200,18000,36000,36000", null, ReadBy.SERVER, "the waits in seconds before each"
            + " retry of a failed webhook delivery (each varied by up to a fifth); after the last, the delivery has failed and its"
            + " subscription is disabled"),
    METRICS_TOKEN(null, "unset: `/metrics` answers nobody (in development: callers on the machine itself)", ReadBy.SERVER, "the bearer token a Prometheus"
            + " scraper sends for `GET /metrics` from elsewhere (`Authorization: Bearer ...`)"),
    HEALTH_MAIL_UNREACHABLE(Kind.INTERVAL, "PT1H", null, ReadBy.SERVER, "readiness reports DOWN when this node has not reached"
            + " the mail server for this long (server-level failures and no mail sent since; a recipient refused is that mail's own"
            + " failure); when every node is unready a load balancer serves nothing: off keeps mail out of readiness"),
    JOBS_WAIT_MS(Kind.NUMBER, "1000", null, ReadBy.SERVER, "the process engine's job executor: idle wait"),
    JOBS_MAX_WAIT_MS(Kind.NUMBER, "5000", null, ReadBy.SERVER, "the most its back-off may wait (timers fire at most this late)"),
    JOBS_THREADS(Kind.NUMBER, "10", null, ReadBy.SERVER, "the job executor's most threads running jobs (timers, asynchronous steps) at once;"
            + " it keeps up to 3 of them while idle (fewer when this is lower)"),
    JOBS_QUEUE(Kind.NUMBER, "20", null, ReadBy.SERVER, "jobs the job executor holds ready for its next free thread (more threads start only while it is full)"),
    JOBS_PER_ACQUISITION(Kind.NUMBER, "20", null, ReadBy.SERVER, "jobs the job executor locks per round of acquisition (per query for due jobs)");

    /** What a value must look like; the server checks every setting it reads at start ({@link Settings#problems()}). */
    public enum Kind {
        TEXT, NUMBER, FLAG,
        /** an ISO-8601 duration ("PT15M"), whole seconds, or "off"; at least one second */
        INTERVAL
    }

    /** Who reads a setting: the server's code, the migration tool, WildFly's configuration, run.sh. */
    public enum ReadBy {
        SERVER("server"), MIGRATION("migration"), SERVER_AND_MIGRATION("server, migration"),
        WILDFLY("WildFly configuration"), RUN_SH("run.sh");

        final String shown;

        ReadBy(String shown) {
            this.shown = shown;
        }
    }

    private final Kind kind;
    private final String defaultValue;
    private final String shownDefault;
    private final ReadBy readBy;
    private final String meaning;

    Setting(String defaultValue, String shownDefault, ReadBy readBy, String meaning) {
        this(Kind.TEXT, defaultValue, shownDefault, readBy, meaning);
    }

    Setting(Kind kind, String defaultValue, String shownDefault, ReadBy readBy, String meaning) {
        this.kind = kind;
        this.defaultValue = defaultValue;
        this.shownDefault = shownDefault;
        this.readBy = readBy;
        this.meaning = meaning;
    }

    /** {@code CUSTODIA_DB_URL} */
    public String environmentName() {
        return "CUSTODIA_" + name();
    }

    /** {@code custodia.db.url} */
    public String propertyName() {
        return "custodia." + name().toLowerCase(Locale.ROOT).replace('_', '.');
    }

    /** The value the installation runs with when nothing is set; null for none. */
    public String defaultValue() {
        return defaultValue;
    }

    public Kind kind() {
        return kind;
    }

    public ReadBy readBy() {
        return readBy;
    }

    public String meaning() {
        return meaning;
    }

    /** The default as the README shows it. */
    public String shownDefault() {
        if (shownDefault != null) {
            return shownDefault;
        }
        return defaultValue == null ? "unset" : "`" + defaultValue + "`";
    }

    // the running installation's values (system properties, then environment, then default)

    public Optional<String> value() {
        return Settings.system().value(this);
    }

    public String text() {
        return Settings.system().text(this);
    }

    public int integer() {
        return Settings.system().integer(this);
    }

    public long longValue() {
        return Settings.system().longValue(this);
    }

    public boolean flag() {
        return Settings.system().flag(this);
    }

    public Duration seconds() {
        return Duration.ofSeconds(longValue());
    }

    /** An {@link Kind#INTERVAL} setting's interval, or empty for "off". */
    public Optional<Duration> interval() {
        return Settings.system().interval(this);
    }
}
