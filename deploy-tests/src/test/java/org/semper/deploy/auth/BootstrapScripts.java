package org.semper.deploy.auth;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.semper.runtime.testing.ExternalCommand;

/** Runs a script of deploy/k8s/base/bootstrap/scripts as its Job would, with this JDK's keytool on the PATH. */
final class BootstrapScripts {

    private BootstrapScripts() {
    }

    static Path dir() {
        return KeycloakAuthIT.repositoryRoot().resolve("deploy/k8s/base/bootstrap/scripts");
    }

    static ExternalCommand.Result run(String script, SecretsApi api, Path workDir, Map<String, String> settings) {
        ExternalCommand.requireTool("curl", "apt-get install curl");
        Map<String, String> environment = new HashMap<>(settings);
        environment.put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":" + System.getenv("PATH"));
        environment.put("SEMPER_KUBE_API", api.url());
        environment.put("SEMPER_KUBE_SA_DIR", api.serviceAccountDir().toString());
        return ExternalCommand.run(workDir, environment, Duration.ofMinutes(2), List.of("bash", dir().resolve(script).toString()));
    }
}
