package org.semper.deploy.auth;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A row of the end-to-end authorization table: an endpoint that needs an OIDC role, a role that must be refused,
 * and the status the right role gets. {@code ${name}} in the path or body is a fixture the service's setup made
 * (e.g. the serial of a token it issued).
 *
 * @param service   the service module, e.g. {@code tsa-service}
 * @param method    HTTP method
 * @param path      path template
 * @param body      JSON body template, or null
 * @param role      a realm role that is allowed
 * @param wrongRole a realm role that is not
 * @param success   status for the allowed role (200, 201)
 */
record ProtectedEndpoint(String service, String method, String path, String body, String role, String wrongRole, int success) {

    private static final Pattern FIXTURE = Pattern.compile("\\$\\{([a-zA-Z0-9]+)}");

    static ProtectedEndpoint get(String service, String path, String role, String wrongRole) {
        return new ProtectedEndpoint(service, "GET", path, null, role, wrongRole, 200);
    }

    static ProtectedEndpoint post(String service, String path, String body, String role, String wrongRole, int success) {
        return new ProtectedEndpoint(service, "POST", path, body, role, wrongRole, success);
    }

    String resolvedPath(Map<String, String> fixtures) {
        return resolve(path, fixtures);
    }

    String resolvedBody(Map<String, String> fixtures) {
        return body == null ? null : resolve(body, fixtures);
    }

    private String resolve(String template, Map<String, String> fixtures) {
        Matcher m = FIXTURE.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = fixtures.get(m.group(1));
            if (value == null) {
                throw new AssertionError(this + ": no fixture " + m.group(1) + " (made by the service's setup)");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        return m.appendTail(out).toString();
    }

    @Override
    public String toString() {
        return service + " " + method + " " + path + " (" + role + ")";
    }
}
