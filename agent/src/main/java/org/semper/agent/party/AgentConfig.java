package org.semper.agent.party;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An agent's settings ({@code <home>/agent.json}), written by {@code semper init} and edited by hand if needed.
 *
 * @param name      how this party calls itself in envelopes
 * @param listen    {@code host:port} of its HTTP endpoint, or empty to receive through the inbox directory only
 * @param address   where peers send to: the endpoint's URL, or the inbox directory (file transport)
 * @param anchors   PEM file of the trust anchors (relative to the home), e.g. the local CA's root
 * @param notary    base URL of the notary ({@code semper-cs/1}, {@code semper-px/1}), default http://127.0.0.1:8083
 * @param mail      base URL of the certified-mail service ({@code semper-cm/1}), default http://127.0.0.1:8084
 * @param arbiter   base URL of the dispute arbiter, default http://127.0.0.1:8085
 * @param ca        base URL of the CA, default http://127.0.0.1:8082
 * @param timeout   how long each step waits for the other party before recovering with the TTP (default 60 s)
 */
public record AgentConfig(String name, Optional<String> listen, String address, String anchors, String notary,
        String mail, String arbiter, String ca, Duration timeout) {
    public static final String FILE = "agent.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    public static AgentConfig defaults(String name, Optional<String> listen, String address) {
        return new AgentConfig(name, listen, address, "anchors.pem", "http://127.0.0.1:8083", "http://127.0.0.1:8084",
                "http://127.0.0.1:8085", "http://127.0.0.1:8082", Duration.ofSeconds(60));
    }

    public AgentConfig withAddress(String newAddress) {
        return new AgentConfig(name, listen, newAddress, anchors, notary, mail, arbiter, ca, timeout);
    }

    public AgentConfig withServices(String newNotary, String newMail, String newArbiter, String newCa) {
        return new AgentConfig(name, listen, address, anchors, newNotary, newMail, newArbiter, newCa, timeout);
    }

    public AgentConfig withTimeout(Duration newTimeout) {
        return new AgentConfig(name, listen, address, anchors, notary, mail, arbiter, ca, newTimeout);
    }

    public static AgentConfig read(Path home) throws IOException {
        Path file = home.resolve(FILE);
        if (!Files.exists(file)) {
            throw new IOException("no " + FILE + " in " + home + " (create the agent with 'semper init')");
        }
        JsonNode node = JSON.readTree(file.toFile());
        AgentConfig defaults = defaults(node.path("name").asText(), Optional.empty(), "");
        return new AgentConfig(node.path("name").asText(),
                node.hasNonNull("listen") ? Optional.of(node.get("listen").asText()) : Optional.empty(),
                node.path("address").asText(), node.path("anchors").asText(defaults.anchors()),
                node.path("notary").asText(defaults.notary()), node.path("mail").asText(defaults.mail()),
                node.path("arbiter").asText(defaults.arbiter()), node.path("ca").asText(defaults.ca()),
                node.hasNonNull("timeout") ? Duration.parse(node.get("timeout").asText()) : defaults.timeout());
    }

    public void write(Path home) throws IOException {
        ObjectNode node = JSON.createObjectNode().put("name", name);
        listen.ifPresent(l -> node.put("listen", l));
        node.put("address", address).put("anchors", anchors).put("notary", notary).put("mail", mail)
                .put("arbiter", arbiter).put("ca", ca).put("timeout", timeout.toString());
        Files.createDirectories(home);
        Files.writeString(home.resolve(FILE), node.toPrettyString() + "\n");
    }
}
