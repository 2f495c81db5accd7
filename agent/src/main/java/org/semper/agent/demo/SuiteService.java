package org.semper.agent.demo;

import java.util.List;
import java.util.Map;

/**
 * A Semper service as the local suite runs it: its module (whose packaged app is
 * {@code <module>/target/quarkus-app/quarkus-run.jar}), its port on the {@code local} profile (the other services'
 * local settings name these ports), and the system properties it needs there.
 */
public record SuiteService(String name, String module, int port, Map<String, String> properties) {
    public static final SuiteService CA = new SuiteService("ca", "ca-service", 8082,
            Map.of("semper.ca.base-url", "http://127.0.0.1:8082"));
    public static final SuiteService TSA = new SuiteService("tsa", "tsa-service", 8081, Map.of());
    public static final SuiteService NOTARY = new SuiteService("notary", "fair-exchange-notary", 8083,
            Map.of("semper.notary.url", "http://127.0.0.1:8083"));
    public static final SuiteService MAIL = new SuiteService("mail", "certified-mail-service", 8084, Map.of());
    /** For the demonstration, the arbiter's jobs run often (production: notice every 10 s, decisions every 30 s). */
    public static final SuiteService ARBITER = new SuiteService("arbiter", "dispute-arbiter", 8085, Map.of(
            "semper.arbiter.disputes.decision-interval", "2s", "semper.arbiter.notice.interval", "1s"));

    /** All five, the CA first (it issues the others' local certificates when it starts). */
    public static final List<SuiteService> ALL = List.of(CA, TSA, NOTARY, MAIL, ARBITER);

    public String url() {
        return "http://127.0.0.1:" + port;
    }
}
