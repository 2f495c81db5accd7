package org.semper.runtime.local;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The embedded state of one service on the {@code local} profile (and in tests): a running PostgreSQL and the
 * service's keys under the shared local trust anchor. {@link #properties()} is the Quarkus configuration that
 * points the service at them.
 *
 * <p>Layout under the data root: {@code local-ca/} (trust anchor), {@code <service>/postgres/} (database files),
 * {@code <service>/keys/<name>.p12} (+ {@code .pass}).
 */
public final class LocalEnvironment implements AutoCloseable {

    private static volatile LocalEnvironment current;

    private final LocalServiceSetup setup;
    private final Path dataRoot;
    private final EmbeddedDatabase database;
    private final LocalTrustAnchor anchor;
    private final Map<String, String> properties;
    private final List<String> keyStores;

    private LocalEnvironment(LocalServiceSetup setup, Path dataRoot, EmbeddedDatabase database, LocalTrustAnchor anchor,
            Map<String, String> properties, List<String> keyStores) {
        this.setup = setup;
        this.dataRoot = dataRoot;
        this.database = database;
        this.anchor = anchor;
        this.properties = properties;
        this.keyStores = keyStores;
    }

    /**
     * Starts the embedded database (unless {@code startDatabase} is false) and creates missing keys.
     */
    public static LocalEnvironment prepare(LocalServiceSetup setup, Path dataRoot, boolean startDatabase) {
        Path serviceDir = dataRoot.resolve(setup.service());
        LocalTrustAnchor anchor = LocalTrustAnchor.loadOrCreate(LocalTrustAnchor.directory(dataRoot));
        Map<String, String> props = new LinkedHashMap<>();
        List<String> keyStores = new ArrayList<>();
        for (LocalKeySpec key : setup.keys()) {
            Path keystore = LocalKeyStores.path(dataRoot, setup.service(), key.name());
            String password = anchor.ensureKeyStore(key, keystore);
            props.put(key.configPrefix() + ".type", "pkcs12");
            props.put(key.configPrefix() + ".pkcs12.path", keystore.toString());
            props.put(key.configPrefix() + ".pkcs12.password", password);
            String issuer = LocalKeyStores.chain(keystore).map(chain -> chain.get(0).getIssuerX500Principal().getName())
                    .orElse("?");
            keyStores.add(keystore + " (password in " + LocalKeyStores.passwordFile(keystore).getFileName()
                    + "; certificate issued by " + issuer + ")");
        }
        props.put("semper.local.trust-anchor", anchor.pemFile().toString());
        props.put("semper.local.data-dir", dataRoot.toString());
        EmbeddedDatabase database = null;
        if (startDatabase) {
            database = EmbeddedDatabase.start(serviceDir.resolve("postgres"));
            database.createDatabaseIfMissing(setup.database());
            props.put("quarkus.datasource.db-kind", "postgresql");
            props.put("quarkus.datasource.jdbc.url", database.jdbcUrl(setup.database()));
            props.put("quarkus.datasource.username", EmbeddedDatabase.USER);
            props.put("quarkus.datasource.password", "");
        }
        LocalEnvironment environment = new LocalEnvironment(setup, dataRoot, database, anchor, Map.copyOf(props), keyStores);
        current = environment;
        return environment;
    }

    /** The environment prepared in this JVM, if any (so that shutdown can stop its database last). */
    public static LocalEnvironment current() {
        return current;
    }

    /** Quarkus configuration pointing at the embedded database and the generated keys. Contains secrets: never log it. */
    public Map<String, String> properties() {
        return properties;
    }

    public Path trustAnchorPem() {
        return anchor.pemFile();
    }

    /** Lines for the startup banner: where everything is. No secrets. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        lines.add("Semper " + setup.service() + " on the local profile (development only)");
        lines.add("  data:          " + dataRoot.resolve(setup.service()));
        if (database != null) {
            lines.add("  PostgreSQL:    " + database.jdbcUrl(setup.database()) + " (embedded, files in "
                    + database.dataDirectory() + ")");
        }
        lines.add("  trust anchor:  " + anchor.pemFile());
        keyStores.forEach(k -> lines.add("  keystore:      " + k));
        return lines;
    }

    @Override
    public void close() {
        if (database != null) {
            database.close();
        }
        if (current == this) {
            current = null;
        }
    }
}
