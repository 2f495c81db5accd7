package org.semper.arbiter.api;

import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jboss.resteasy.reactive.multipart.FileUpload;
import org.semper.arbiter.problem.ArbiterProblem;
import org.semper.runtime.problem.CommonProblem;
import org.semper.runtime.problem.ProblemException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reading request bodies: the JSON form ({@code {"claim": ..., "bundle": ...}}) and multipart file parts. */
final class Uploads {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Uploads() {
    }

    static JsonNode json(byte[] body) {
        try {
            JsonNode node = JSON.readTree(body == null ? new byte[0] : body);
            if (node == null || !node.isObject()) {
                throw new ProblemException(CommonProblem.MALFORMED_REQUEST, "The body is not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new ProblemException(ArbiterProblem.MALFORMED_BUNDLE, "The body is not JSON: " + e.getMessage());
        }
    }

    static byte[] member(JsonNode node, String name, ArbiterProblem missing) {
        JsonNode value = node.get(name);
        if (value == null || !value.isObject()) {
            throw new ProblemException(missing, "\"" + name + "\" is missing or not a JSON object");
        }
        return value.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Detached items: file parts by name, except the named form fields. */
    static Map<String, byte[]> detached(List<FileUpload> files, String... except) {
        Map<String, byte[]> items = new LinkedHashMap<>();
        for (FileUpload file : files == null ? List.<FileUpload>of() : files) {
            if (List.of(except).contains(file.name())) {
                continue;
            }
            try {
                items.put(file.name(), Files.readAllBytes(file.uploadedFile()));
            } catch (IOException e) {
                throw new ProblemException(CommonProblem.MALFORMED_REQUEST, "Part " + file.name() + " unreadable");
            }
        }
        return items;
    }

    static byte[] part(String text, List<FileUpload> files, String name, ArbiterProblem missing) {
        if (text != null && !text.isBlank()) {
            return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        for (FileUpload file : files == null ? List.<FileUpload>of() : files) {
            if (file.name().equals(name)) {
                try {
                    return Files.readAllBytes(file.uploadedFile());
                } catch (IOException e) {
                    throw new ProblemException(CommonProblem.MALFORMED_REQUEST, "Part " + name + " unreadable");
                }
            }
        }
        throw new ProblemException(missing, "The multipart request has no \"" + name + "\" part");
    }
}
