package org.semper.deploy.manifests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.semper.runtime.testing.ExternalCommand;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;

/**
 * One overlay of {@code deploy/k8s} rendered by {@code kubectl kustomize}, as fabric8 model objects (typed for the
 * core kinds, {@code GenericKubernetesResource} for operators' custom resources) with the raw tree beside them.
 */
record RenderedOverlay(String name, List<Manifest> manifests) {

    /** A rendered object: the typed model and the YAML tree it came from. */
    record Manifest(HasMetadata object, JsonNode tree) {

        String kind() {
            return object.getKind();
        }

        String name() {
            return object.getMetadata().getName();
        }

        String annotation(String key) {
            Map<String, String> annotations = object.getMetadata().getAnnotations();
            return annotations == null ? null : annotations.get(key);
        }

        @Override
        public String toString() {
            return kind() + "/" + name();
        }
    }

    /** A workload's pod template, with the object that owns it. */
    record Pod(Manifest owner, PodTemplateSpec template) {
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    static Path repositoryRoot() {
        return Path.of(System.getProperty("semper.repository.root", "..")).toAbsolutePath().normalize();
    }

    static Path overlays() {
        return repositoryRoot().resolve("deploy/k8s/overlays");
    }

    /** Every overlay directory under deploy/k8s/overlays. */
    static List<String> overlayNames() {
        try (Stream<Path> dirs = Files.list(overlays())) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("kustomization.yaml"))).map(d -> d.getFileName().toString())
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** kubectl from {@code KUBECTL} (environment), else on PATH. */
    static String kubectl() {
        String configured = System.getenv("KUBECTL");
        return configured == null || configured.isBlank() ? "kubectl" : configured;
    }

    static RenderedOverlay render(String overlay) {
        String kubectl = kubectl();
        ExternalCommand.requireTool(kubectl, "kubectl >= 1.21 (kustomize components); .ci/run installs it");
        ExternalCommand.Result result = ExternalCommand.run(repositoryRoot(), Map.of(), Duration.ofSeconds(120),
                List.of(kubectl, "kustomize", overlays().resolve(overlay).toString())).assertSuccess();
        return new RenderedOverlay(overlay, parse(result.stdout()));
    }

    static List<Manifest> parse(String yaml) {
        List<Manifest> out = new ArrayList<>();
        try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            while (documents.hasNext()) {
                JsonNode tree = documents.next();
                if (tree == null || tree.isNull() || tree.isEmpty()) {
                    continue;
                }
                KubernetesResource resource = YAML.treeToValue(tree, KubernetesResource.class);
                out.add(new Manifest((HasMetadata) resource, tree));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot parse the rendered manifests", e);
        }
        return List.copyOf(out);
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return manifests.stream().map(Manifest::object).filter(type::isInstance).map(type::cast).toList();
    }

    List<Manifest> ofKind(String kind) {
        return manifests.stream().filter(m -> m.kind().equals(kind)).toList();
    }

    Optional<Manifest> find(String kind, String name) {
        return manifests.stream().filter(m -> m.kind().equals(kind) && m.name().equals(name)).findFirst();
    }

    Manifest manifestOf(HasMetadata object) {
        return manifests.stream().filter(m -> m.object() == object).findFirst().orElseThrow();
    }

    /** Every pod the overlay would run: Deployments' and Jobs' templates. */
    List<Pod> pods() {
        List<Pod> pods = new ArrayList<>();
        for (Deployment d : all(Deployment.class)) {
            pods.add(new Pod(manifestOf(d), d.getSpec().getTemplate()));
        }
        for (Job j : all(Job.class)) {
            pods.add(new Pod(manifestOf(j), j.getSpec().getTemplate()));
        }
        return pods;
    }
}
