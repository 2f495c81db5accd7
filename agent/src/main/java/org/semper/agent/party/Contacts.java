package org.semper.agent.party;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.semper.agent.net.Pem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;

/** The parties this agent knows ({@code <home>/contacts.json}): name, certificate chain (PEM), address. */
public final class Contacts {
    public static final String FILE = "contacts.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;

    public Contacts(Path home) {
        this.file = home.resolve(FILE);
    }

    public synchronized List<Contact> all() throws IOException {
        List<Contact> contacts = new ArrayList<>();
        if (!Files.exists(file)) {
            return contacts;
        }
        for (JsonNode node : JSON.readTree(file.toFile())) {
            try {
                contacts.add(new Contact(node.path("name").asText(), Pem.certificates(node.path("chain").asText()),
                        node.path("address").asText()));
            } catch (CertificateException | IllegalArgumentException e) {
                throw new IOException("contact " + node.path("name").asText() + " in " + file + " is unreadable: "
                        + e.getMessage(), e);
            }
        }
        return contacts;
    }

    /** Adds or replaces (same name or same certificate) a contact. */
    public synchronized void put(Contact contact) throws IOException {
        List<Contact> contacts = new ArrayList<>(all());
        contacts.removeIf(c -> c.name().equalsIgnoreCase(contact.name()) || c.fingerprint().equals(contact.fingerprint()));
        contacts.add(contact);
        ArrayNode array = JSON.createArrayNode();
        for (Contact c : contacts) {
            array.addObject().put("name", c.name()).put("certSha256", c.fingerprint()).put("address", c.address())
                    .put("chain", Pem.encode(c.chain()));
        }
        Files.createDirectories(file.getParent());
        Files.writeString(file, array.toPrettyString() + "\n");
    }

    /** By name (case-insensitive) or by a fingerprint or its prefix. */
    public Optional<Contact> find(String nameOrFingerprint) throws IOException {
        String wanted = nameOrFingerprint.toLowerCase(Locale.ROOT);
        for (Contact contact : all()) {
            if (contact.name().toLowerCase(Locale.ROOT).equals(wanted)) {
                return Optional.of(contact);
            }
        }
        List<Contact> byPrint = all().stream().filter(c -> nameOrFingerprint.length() >= 6
                && c.fingerprint().startsWith(nameOrFingerprint)).toList();
        return byPrint.size() == 1 ? Optional.of(byPrint.get(0)) : Optional.empty();
    }

    public Optional<Contact> byFingerprint(String fingerprint) throws IOException {
        return all().stream().filter(c -> c.fingerprint().equals(fingerprint)).findFirst();
    }
}
