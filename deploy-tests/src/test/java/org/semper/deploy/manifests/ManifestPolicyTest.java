package org.semper.deploy.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.semper.deploy.manifests.RenderedOverlay.Manifest;
import org.semper.deploy.manifests.RenderedOverlay.Pod;

import com.fasterxml.jackson.databind.JsonNode;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.Role;

/**
 * Policy on what each overlay of {@code deploy/k8s} renders to (kubectl kustomize): what a cluster would receive.
 * A new overlay is checked as soon as it exists, and fails until {@link #EXPECTED} says how many replicas it runs.
 */
class ManifestPolicyTest {

    /** What each overlay promises. */
    record Expectation(int replicas, boolean autoscaled, boolean antiAffinity, int minAvailable) {
    }

    static final Map<String, Expectation> EXPECTED = Map.of(
            "dev", new Expectation(1, false, false, 0),
            "prod", new Expectation(3, true, true, 2));

    /** Each service and the Secrets holding its keys (and the CA certificates its enrolled keys chain to). */
    static final Map<String, List<String>> KEY_SECRETS = Map.of(
            "tsa-service", List.of("tsa-signing-key", "tsa-log-key"),
            "ca-service", List.of("ca-issuing-key", "ca-log-key"),
            "fair-exchange-notary", List.of("notary-signing-key", "notary-escrow-key", "notary-log-key"),
            "certified-mail-service", List.of("mail-signing-key", "mail-escrow-key", "mail-log-key"),
            "dispute-arbiter", List.of("arbiter-signing-key", "arbiter-log-key"));

    /** Where a service's ConfigMap points at files (keys, trust anchors): they must be mounted there. */
    static final String CONFIGURED_FILES = "/etc/semper/";

    /** Annotation of a bootstrap Job: the Secrets it creates. */
    static final String CREATES_SECRETS = "semper.org/creates-secrets";
    /** Annotation of an object that uses Secrets an operator makes by hand (key ceremony, enrollment token...). */
    static final String OPERATOR_SECRETS = "semper.org/operator-secrets";

    private static final Map<String, RenderedOverlay> RENDERED = new ConcurrentHashMap<>();

    static Stream<String> overlays() {
        return RenderedOverlay.overlayNames().stream();
    }

    private static RenderedOverlay rendered(String overlay) {
        return RENDERED.computeIfAbsent(overlay, RenderedOverlay::render);
    }

    private static Stream<Container> containers(PodSpec spec) {
        return Stream.concat(spec.getContainers().stream(),
                spec.getInitContainers() == null ? Stream.empty() : spec.getInitContainers().stream());
    }

    @Test
    void thereAreDevAndProdOverlaysAndEachHasExpectations() {
        assertThat(RenderedOverlay.overlayNames()).contains("dev", "prod");
        assertThat(EXPECTED.keySet()).containsExactlyInAnyOrderElementsOf(RenderedOverlay.overlayNames());
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyServiceHasStartupLivenessAndReadinessProbesOnItsHealthEndpoints(String overlay) {
        List<Deployment> deployments = rendered(overlay).all(Deployment.class);
        assertThat(deployments).extracting(d -> d.getMetadata().getName()).containsAll(KEY_SECRETS.keySet());
        for (Deployment d : deployments) {
            for (Container c : d.getSpec().getTemplate().getSpec().getContainers()) {
                String where = overlay + ": " + d.getMetadata().getName() + "/" + c.getName();
                Set<String> ports = c.getPorts().stream().map(ContainerPort::getName).collect(Collectors.toSet());
                assertProbe(where + " startup", c.getStartupProbe(), "/q/health/started", ports);
                assertProbe(where + " liveness", c.getLivenessProbe(), "/q/health/live", ports);
                assertProbe(where + " readiness", c.getReadinessProbe(), "/q/health/ready", ports);
            }
        }
    }

    private static void assertProbe(String where, Probe probe, String path, Set<String> namedPorts) {
        assertThat(probe).as(where).isNotNull();
        assertThat(probe.getHttpGet()).as(where + " is an HTTP probe").isNotNull();
        assertThat(probe.getHttpGet().getPath()).as(where).isEqualTo(path);
        String port = probe.getHttpGet().getPort().getStrVal();
        assertThat(port).as(where + " probes a named container port").isIn(namedPorts);
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyContainerHasCpuAndMemoryRequestsAndLimits(String overlay) {
        for (Pod pod : rendered(overlay).pods()) {
            containers(pod.template().getSpec()).forEach(c -> {
                String where = overlay + ": " + pod.owner() + "/" + c.getName();
                assertThat(c.getResources()).as(where).isNotNull();
                assertThat(c.getResources().getRequests()).as(where + " requests").containsKeys("cpu", "memory");
                assertThat(c.getResources().getLimits()).as(where + " limits").containsKeys("cpu", "memory");
            });
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyPodRunsAsNonRootOnAReadOnlyRootFilesystemWithoutCapabilities(String overlay) {
        for (Pod pod : rendered(overlay).pods()) {
            PodSpec spec = pod.template().getSpec();
            PodSecurityContext podContext = spec.getSecurityContext();
            String where = overlay + ": " + pod.owner();
            assertThat(podContext).as(where).isNotNull();
            assertThat(podContext.getRunAsNonRoot()).as(where + " runAsNonRoot").isTrue();
            assertThat(podContext.getRunAsUser()).as(where + " runAsUser").isNotNull().isNotZero();
            assertThat(podContext.getSeccompProfile().getType()).as(where + " seccomp").isEqualTo("RuntimeDefault");
            containers(spec).forEach(c -> {
                SecurityContext sc = c.getSecurityContext();
                String in = where + "/" + c.getName();
                assertThat(sc).as(in).isNotNull();
                assertThat(sc.getReadOnlyRootFilesystem()).as(in + " readOnlyRootFilesystem").isTrue();
                assertThat(sc.getAllowPrivilegeEscalation()).as(in + " allowPrivilegeEscalation").isFalse();
                assertThat(sc.getPrivileged()).as(in + " privileged").isNotEqualTo(Boolean.TRUE);
                assertThat(sc.getCapabilities().getDrop()).as(in + " drops").contains("ALL");
                assertThat(sc.getCapabilities().getAdd()).as(in + " adds no capability").isNullOrEmpty();
                // The JVM and Vert.x write temporary files: /tmp is a writable emptyDir, not the image's filesystem.
                VolumeMount tmp = c.getVolumeMounts().stream().filter(m -> m.getMountPath().equals("/tmp")).findFirst()
                        .orElseThrow(() -> new AssertionError(in + " has no /tmp volume"));
                Volume volume = volume(spec, tmp.getName());
                assertThat(volume.getEmptyDir()).as(in + " /tmp is an emptyDir").isNotNull();
            });
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void keyMaterialIsMountedReadOnlyFromSecrets(String overlay) {
        for (Pod pod : rendered(overlay).pods()) {
            PodSpec spec = pod.template().getSpec();
            containers(spec).forEach(c -> {
                for (VolumeMount m : c.getVolumeMounts()) {
                    if (volume(spec, m.getName()).getSecret() != null) {
                        assertThat(m.getReadOnly()).as(overlay + ": " + pod.owner() + " mounts Secret volume " + m.getName()
                                + " read-only").isTrue();
                    }
                }
            });
        }
        KEY_SECRETS.forEach((service, secrets) -> assertThat(
                secretVolumes(deployment(rendered(overlay), service).getSpec().getTemplate().getSpec()))
                .as(overlay + ": key Secrets of " + service).containsAll(secrets));
    }

    /** Every file a service's ConfigMap names under /etc/semper (keys, trust anchors) is a file of a volume it mounts. */
    @ParameterizedTest
    @MethodSource("overlays")
    void everyFileAServiceIsConfiguredWithIsMounted(String overlay) {
        RenderedOverlay r = rendered(overlay);
        for (Deployment d : r.all(Deployment.class)) {
            String name = d.getMetadata().getName();
            PodSpec spec = d.getSpec().getTemplate().getSpec();
            Container container = spec.getContainers().get(0);
            List<String> files = container.getEnvFrom().stream().filter(f -> f.getConfigMapRef() != null)
                    .flatMap(f -> r.all(ConfigMap.class).stream()
                            .filter(c -> c.getMetadata().getName().equals(f.getConfigMapRef().getName())))
                    .flatMap(c -> c.getData().values().stream()).flatMap(v -> Stream.of(v.split(",")))
                    .map(String::trim).filter(v -> v.startsWith(CONFIGURED_FILES)).toList();
            for (String file : files) {
                String dir = file.substring(0, file.lastIndexOf('/'));
                String fileName = file.substring(file.lastIndexOf('/') + 1);
                VolumeMount mount = container.getVolumeMounts().stream().filter(m -> m.getMountPath().equals(dir)).findFirst()
                        .orElseThrow(() -> new AssertionError(overlay + ": " + name + " is configured with " + file
                                + " but mounts nothing at " + dir));
                Volume volume = volume(spec, mount.getName());
                assertThat(volume.getSecret()).as(overlay + ": " + name + " " + file + " comes from a Secret").isNotNull();
                if (volume.getSecret().getItems() != null) {
                    assertThat(volume.getSecret().getItems()).as(overlay + ": " + name + " " + file)
                            .anySatisfy(item -> assertThat(item.getPath()).isEqualTo(fileName));
                }
            }
        }
    }

    private static Set<String> secretVolumes(PodSpec spec) {
        return spec.getVolumes().stream().filter(v -> v.getSecret() != null).map(v -> v.getSecret().getSecretName())
                .collect(Collectors.toSet());
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyImageHasAPinnedTagSetByTheOverlay(String overlay) {
        RenderedOverlay r = rendered(overlay);
        List<String> images = new ArrayList<>();
        for (Pod pod : r.pods()) {
            containers(pod.template().getSpec()).forEach(c -> images.add(c.getImage()));
        }
        r.find("Keycloak", "semper-keycloak").ifPresent(k -> images.add(k.tree().at("/spec/image").asText()));
        r.find("Cluster", "semper-db").ifPresent(c -> images.add(c.tree().at("/spec/imageName").asText()));
        assertThat(images).isNotEmpty();
        for (String image : images) {
            assertThat(image).as(overlay + ": image").isNotBlank();
            String tag = tag(image);
            assertThat(tag).as(overlay + ": " + image + " has a tag or digest").isNotNull();
            assertThat(tag).as(overlay + ": " + image).isNotEqualToIgnoringCase("latest");
            assertThat(image).as(overlay + ": the base's placeholder image names are replaced by the overlay")
                    .doesNotStartWith("semper/");
        }
    }

    /** The tag (or digest) of an image reference, null if it has neither. */
    static String tag(String image) {
        int at = image.indexOf('@');
        if (at >= 0) {
            return image.substring(at + 1);
        }
        int slash = image.lastIndexOf('/');
        int colon = image.lastIndexOf(':');
        return colon > slash ? image.substring(colon + 1) : null;
    }

    @Test
    void imageTagsAreParsedLikeKubernetesDoes() {
        assertThat(tag("registry:5000/semper/tsa-service")).isNull();
        assertThat(tag("registry:5000/semper/tsa-service:0.1.0")).isEqualTo("0.1.0");
        assertThat(tag("semper/tsa-service@sha256:abc")).isEqualTo("sha256:abc");
        assertThat(tag("semper/tsa-service:latest")).isEqualTo("latest");
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyReferencedSecretAndConfigMapIsDefinedOrMadeByAJobOrDocumentedForOperators(String overlay) throws IOException {
        RenderedOverlay r = rendered(overlay);
        Set<String> configMaps = r.all(ConfigMap.class).stream().map(c -> c.getMetadata().getName()).collect(Collectors.toSet());
        Set<String> definedSecrets = r.all(Secret.class).stream().map(s -> s.getMetadata().getName()).collect(Collectors.toSet());
        Set<String> jobSecrets = new HashSet<>();
        for (Manifest job : r.ofKind("Job")) {
            Set<String> created = list(job.annotation(CREATES_SECRETS));
            assertThat(created).as(overlay + ": " + job + " names the Secrets it creates").isNotEmpty();
            jobSecrets.addAll(created);
            assertRoleLetsTheJobReadOnlyItsSecrets(r, job, created);
        }
        String operations = Files.readString(RenderedOverlay.repositoryRoot().resolve("docs/operations.md"));

        for (Manifest m : r.manifests()) {
            Set<String> operatorSecrets = new HashSet<>(list(m.annotation(OPERATOR_SECRETS)));
            Set<SecretUse> secrets = new HashSet<>();
            Set<String> configMapsUsed = new HashSet<>();
            podSpec(m).ifPresent(spec -> {
                PodSpecRefs.collect(spec, secrets, configMapsUsed, r);
            });
            customResourceSecrets(m.tree(), secrets);
            for (String cm : configMapsUsed) {
                assertThat(configMaps).as(overlay + ": ConfigMap " + cm + " used by " + m).contains(cm);
            }
            for (SecretUse use : secrets) {
                String name = use.name();
                boolean made = definedSecrets.contains(name) || jobSecrets.contains(name);
                if (!made) {
                    assertThat(operatorSecrets).as(overlay + ": Secret " + name + " used by " + m
                            + " is neither defined, nor created by a bootstrap Job, nor declared in " + OPERATOR_SECRETS)
                            .contains(name);
                    assertThat(operations).as("docs/operations.md tells operators how to make Secret " + name).contains(name);
                }
            }
        }
    }

    /** A reference to a Secret. */
    record SecretUse(String name) {
    }

    /** References of a pod spec to Secrets and ConfigMaps: volumes, env, envFrom. Checks configMapKeyRef keys. */
    static final class PodSpecRefs {
        static void collect(PodSpec spec, Set<SecretUse> secrets, Set<String> configMaps, RenderedOverlay r) {
            for (Volume v : spec.getVolumes() == null ? List.<Volume>of() : spec.getVolumes()) {
                if (v.getSecret() != null) {
                    secrets.add(new SecretUse(v.getSecret().getSecretName()));
                }
                if (v.getConfigMap() != null) {
                    configMaps.add(v.getConfigMap().getName());
                }
            }
            containers(spec).forEach(c -> {
                for (EnvFromSource from : c.getEnvFrom() == null ? List.<EnvFromSource>of() : c.getEnvFrom()) {
                    if (from.getConfigMapRef() != null) {
                        configMaps.add(from.getConfigMapRef().getName());
                    }
                    if (from.getSecretRef() != null) {
                        secrets.add(new SecretUse(from.getSecretRef().getName()));
                    }
                }
                for (EnvVar e : c.getEnv() == null ? List.<EnvVar>of() : c.getEnv()) {
                    if (e.getValueFrom() == null) {
                        continue;
                    }
                    if (e.getValueFrom().getSecretKeyRef() != null) {
                        secrets.add(new SecretUse(e.getValueFrom().getSecretKeyRef().getName()));
                    }
                    if (e.getValueFrom().getConfigMapKeyRef() != null) {
                        String name = e.getValueFrom().getConfigMapKeyRef().getName();
                        configMaps.add(name);
                        r.all(ConfigMap.class).stream().filter(cm -> cm.getMetadata().getName().equals(name)).findFirst()
                                .ifPresent(cm -> assertThat(cm.getData()).as("ConfigMap " + name)
                                        .containsKey(e.getValueFrom().getConfigMapKeyRef().getKey()));
                    }
                }
            });
        }
    }

    /** Secret references in operators' resources: any object {"name": ...} under a key ending in "Secret" or under s3Credentials. */
    static void customResourceSecrets(JsonNode node, Set<SecretUse> out) {
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                String key = field.getKey();
                JsonNode value = field.getValue();
                boolean secretRef = key.endsWith("Secret") || key.equals("accessKeyId") || key.equals("secretAccessKey");
                if (secretRef && value.isObject() && value.has("name")) {
                    out.add(new SecretUse(value.get("name").asText()));
                } else if (!key.equals("template")) { // pod templates are read through the typed model
                    customResourceSecrets(value, out);
                }
            });
        } else if (node.isArray()) {
            node.forEach(n -> customResourceSecrets(n, out));
        }
    }

    private static void assertRoleLetsTheJobReadOnlyItsSecrets(RenderedOverlay r, Manifest job, Set<String> created) {
        PodSpec spec = podSpec(job).orElseThrow();
        String account = spec.getServiceAccountName();
        assertThat(account).as(job + " runs under its own service account").isNotNull().isNotEqualTo("default");
        List<Role> roles = r.ofKind("RoleBinding").stream()
                .filter(b -> b.tree().at("/subjects").findValuesAsText("name").contains(account))
                .map(b -> r.find("Role", b.tree().at("/roleRef/name").asText()).orElseThrow())
                .map(m -> (Role) m.object()).toList();
        assertThat(roles).as(job + "'s Role").hasSize(1);
        Role role = roles.get(0);
        role.getRules().forEach(rule -> {
            assertThat(rule.getResources()).as(job + " may touch Secrets only").containsExactly("secrets");
            assertThat(rule.getVerbs()).as(job + " may only create, and get by name").isSubsetOf("create", "get");
            if (rule.getVerbs().contains("get")) {
                assertThat(rule.getResourceNames()).as(job + " reads only the Secrets it creates")
                        .containsExactlyInAnyOrderElementsOf(created);
            }
        });
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyPodIsCoveredByDefaultDenyAndByAPolicyAllowingItsFlows(String overlay) {
        RenderedOverlay r = rendered(overlay);
        List<NetworkPolicy> policies = r.all(NetworkPolicy.class);
        assertThat(policies).as(overlay + ": a default-deny policy for every pod")
                .anySatisfy(p -> {
                    assertThat(p.getSpec().getPodSelector().getMatchLabels()).isNullOrEmpty();
                    assertThat(p.getSpec().getPodSelector().getMatchExpressions()).isNullOrEmpty();
                    assertThat(p.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
                    assertThat(p.getSpec().getIngress()).isNullOrEmpty();
                    assertThat(p.getSpec().getEgress()).isNullOrEmpty();
                });
        for (Pod pod : r.pods()) {
            Map<String, String> labels = pod.template().getMetadata().getLabels();
            List<NetworkPolicy> selecting = policies.stream()
                    .filter(p -> !isEmpty(p.getSpec().getPodSelector()) && matches(p.getSpec().getPodSelector(), labels))
                    .toList();
            assertThat(selecting).as(overlay + ": a NetworkPolicy selects " + pod.owner() + " " + labels).isNotEmpty();
            for (Container c : pod.template().getSpec().getContainers()) {
                for (ContainerPort port : c.getPorts() == null ? List.<ContainerPort>of() : c.getPorts()) {
                    assertThat(selecting.stream().flatMap(p -> p.getSpec().getIngress().stream())
                            .flatMap(rule -> rule.getPorts().stream()).map(NetworkPolicyPort::getPort)
                            .map(p -> p.getIntVal()).filter(Objects::nonNull))
                            .as(overlay + ": ingress allowed to " + pod.owner() + " port " + port.getContainerPort())
                            .contains(port.getContainerPort());
                }
            }
            if (pod.owner().kind().equals("Deployment")) {
                assertThat(egressPorts(selecting)).as(overlay + ": " + pod.owner() + " reaches PostgreSQL and Keycloak")
                        .contains(5432, 8080);
            }
        }
    }

    private static List<Integer> egressPorts(List<NetworkPolicy> policies) {
        return policies.stream().flatMap(p -> p.getSpec().getEgress() == null ? Stream.empty() : p.getSpec().getEgress().stream())
                .flatMap(rule -> rule.getPorts().stream()).map(p -> p.getPort().getIntVal()).filter(Objects::nonNull).toList();
    }

    private static boolean isEmpty(LabelSelector selector) {
        return (selector.getMatchLabels() == null || selector.getMatchLabels().isEmpty())
                && (selector.getMatchExpressions() == null || selector.getMatchExpressions().isEmpty());
    }

    static boolean matches(LabelSelector selector, Map<String, String> labels) {
        if (selector.getMatchLabels() != null) {
            for (var e : selector.getMatchLabels().entrySet()) {
                if (!e.getValue().equals(labels.get(e.getKey()))) {
                    return false;
                }
            }
        }
        if (selector.getMatchExpressions() != null) {
            for (var x : selector.getMatchExpressions()) {
                String value = labels.get(x.getKey());
                boolean ok = switch (x.getOperator()) {
                    case "In" -> value != null && x.getValues().contains(value);
                    case "NotIn" -> value == null || !x.getValues().contains(value);
                    case "Exists" -> value != null;
                    case "DoesNotExist" -> value == null;
                    default -> throw new AssertionError("unknown selector operator " + x.getOperator());
                };
                if (!ok) {
                    return false;
                }
            }
        }
        return true;
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void replicasAutoscalingAntiAffinityAndDisruptionBudgetsMatchTheOverlay(String overlay) {
        Expectation expected = EXPECTED.get(overlay);
        assertThat(expected).as("EXPECTED has an entry for overlay " + overlay).isNotNull();
        RenderedOverlay r = rendered(overlay);
        List<HorizontalPodAutoscaler> autoscalers = r.all(HorizontalPodAutoscaler.class);
        List<PodDisruptionBudget> budgets = r.all(PodDisruptionBudget.class);
        for (Deployment d : r.all(Deployment.class)) {
            String name = d.getMetadata().getName();
            Map<String, String> labels = d.getSpec().getTemplate().getMetadata().getLabels();
            assertThat(d.getSpec().getReplicas()).as(overlay + ": replicas of " + name).isEqualTo(expected.replicas());

            List<HorizontalPodAutoscaler> hpa = autoscalers.stream()
                    .filter(h -> h.getSpec().getScaleTargetRef().getName().equals(name)).toList();
            if (expected.autoscaled()) {
                assertThat(hpa).as(overlay + ": autoscaler of " + name).hasSize(1);
                assertThat(hpa.get(0).getSpec().getMinReplicas()).as(overlay + ": " + name + " never below")
                        .isEqualTo(expected.replicas());
                assertThat(hpa.get(0).getSpec().getMaxReplicas()).isGreaterThan(expected.replicas());
            } else {
                assertThat(hpa).as(overlay + ": no autoscaler for " + name).isEmpty();
            }

            List<PodDisruptionBudget> pdb = budgets.stream().filter(b -> matches(b.getSpec().getSelector(), labels)).toList();
            assertThat(pdb).as(overlay + ": PodDisruptionBudget of " + name).hasSize(1);
            var spec = pdb.get(0).getSpec();
            if (expected.minAvailable() > 0) {
                assertThat(spec.getMinAvailable()).as(overlay + ": minAvailable of " + name).isNotNull();
                assertThat(spec.getMinAvailable().getIntVal()).isEqualTo(expected.minAvailable());
                assertThat(spec.getMaxUnavailable()).isNull();
            } else {
                // One replica: a budget that still lets a node drain.
                assertThat(spec.getMaxUnavailable()).as(overlay + ": maxUnavailable of " + name).isNotNull();
                assertThat(spec.getMaxUnavailable().getIntVal()).isEqualTo(1);
            }

            var affinity = d.getSpec().getTemplate().getSpec().getAffinity();
            if (expected.antiAffinity()) {
                assertThat(affinity).as(overlay + ": " + name + " anti-affinity").isNotNull();
                var terms = affinity.getPodAntiAffinity().getPreferredDuringSchedulingIgnoredDuringExecution();
                assertThat(terms).as(overlay + ": " + name).anySatisfy(t -> {
                    assertThat(t.getPodAffinityTerm().getTopologyKey()).isEqualTo("kubernetes.io/hostname");
                    assertThat(matches(t.getPodAffinityTerm().getLabelSelector(), labels)).isTrue();
                });
                assertThat(d.getSpec().getTemplate().getSpec().getTopologySpreadConstraints())
                        .as(overlay + ": " + name + " spread over nodes").anySatisfy(t -> {
                            assertThat(t.getTopologyKey()).isEqualTo("kubernetes.io/hostname");
                            assertThat(t.getWhenUnsatisfiable()).isEqualTo("DoNotSchedule");
                        });
            }
        }
        int instances = r.find("Cluster", "semper-db").orElseThrow().tree().at("/spec/instances").asInt();
        assertThat(instances).as(overlay + ": PostgreSQL instances").isEqualTo(expected.replicas());
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void servicesSelectTheirPodsAndTargetANamedPort(String overlay) {
        RenderedOverlay r = rendered(overlay);
        for (Service s : r.all(Service.class)) {
            List<Deployment> backends = r.all(Deployment.class).stream()
                    .filter(d -> s.getSpec().getSelector().entrySet().stream().allMatch(
                            e -> e.getValue().equals(d.getSpec().getTemplate().getMetadata().getLabels().get(e.getKey()))))
                    .toList();
            assertThat(backends).as(overlay + ": pods behind Service " + s.getMetadata().getName()).hasSize(1);
            Set<String> ports = backends.get(0).getSpec().getTemplate().getSpec().getContainers().stream()
                    .flatMap(c -> c.getPorts().stream()).map(ContainerPort::getName).collect(Collectors.toSet());
            s.getSpec().getPorts().forEach(p -> assertThat(p.getTargetPort().getStrVal()).isIn(ports));
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void eachServiceHasItsOwnDatabaseRoleAndKeycloakClient(String overlay) {
        RenderedOverlay r = rendered(overlay);
        JsonNode realm = r.find("KeycloakRealmImport", "semper").orElseThrow().tree().at("/spec/realm");
        assertThat(realm.at("/realm").asText()).isEqualTo("semper");
        assertThat(realm.at("/roles/realm").findValuesAsText("name"))
                .containsExactlyInAnyOrder("operator", "ra-officer", "court", "auditor");
        List<String> clients = realm.at("/clients").findValuesAsText("clientId");
        assertThat(clients).contains("semper-tsa", "semper-ca", "semper-notary", "semper-mail", "semper-arbiter");
        JsonNode cluster = r.find("Cluster", "semper-db").orElseThrow().tree();
        List<String> roles = cluster.at("/spec/managed/roles").findValuesAsText("name");
        Map<String, String> ownerOfDatabase = r.ofKind("Database").stream()
                .collect(Collectors.toMap(d -> d.tree().at("/spec/name").asText(), d -> d.tree().at("/spec/owner").asText()));

        for (Deployment d : r.all(Deployment.class)) {
            String name = d.getMetadata().getName();
            ConfigMap config = r.all(ConfigMap.class).stream().filter(c -> c.getMetadata().getName().equals(name)).findFirst()
                    .orElseThrow(() -> new AssertionError(overlay + ": no ConfigMap " + name));
            assertThat(clients).as(overlay + ": realm client of " + name).contains(config.getData().get("QUARKUS_OIDC_CLIENT_ID"));
            String url = config.getData().get("QUARKUS_DATASOURCE_JDBC_URL");
            String database = url.substring(url.lastIndexOf('/') + 1);
            String owner = ownerOfDatabase.get(database);
            assertThat(owner).as(overlay + ": " + name + "'s database " + database + " is a Database resource").isNotNull();
            assertThat(roles).contains(owner);
            EnvVar user = d.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                    .filter(e -> e.getName().equals("QUARKUS_DATASOURCE_USERNAME")).findFirst().orElseThrow();
            assertThat(user.getValueFrom().getSecretKeyRef().getName()).as(overlay + ": " + name + " logs in as its own role")
                    .isEqualTo("semper-db-" + owner);
        }
    }

    private static Deployment deployment(RenderedOverlay r, String name) {
        return r.all(Deployment.class).stream().filter(d -> d.getMetadata().getName().equals(name)).findFirst().orElseThrow();
    }

    private static Volume volume(PodSpec spec, String name) {
        return spec.getVolumes().stream().filter(v -> v.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no volume " + name));
    }

    private static Optional<PodSpec> podSpec(Manifest m) {
        if (m.object() instanceof Deployment d) {
            return Optional.of(d.getSpec().getTemplate().getSpec());
        }
        if (m.object() instanceof io.fabric8.kubernetes.api.model.batch.v1.Job j) {
            return Optional.of(j.getSpec().getTemplate().getSpec());
        }
        return Optional.empty();
    }

    private static Set<String> list(String annotation) {
        if (annotation == null || annotation.isBlank()) {
            return Set.of();
        }
        return Stream.of(annotation.split(",")).map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    }
}
