package org.semper.agent.deal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.cert.CRLException;
import java.security.cert.X509CRL;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.semper.agent.files.DirectoryLock;
import org.semper.agent.files.WholeFiles;
import org.semper.evidence.bundle.ItemRole;
import org.semper.evidence.exchange.Hashes;
import org.semper.evidence.statement.MalformedStatementException;
import org.semper.evidence.statement.SignedStatement;
import org.semper.evidence.validation.RevocationData;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One deal's directory in the archive:
 * <pre>
 * deal.json        the deal (written whole, by rename)
 * timeline.jsonl   every event with its time, one JSON object a line, append-only
 * items/NNN-&lt;role&gt;.&lt;ext&gt;   every message, token, certificate, CRL/OCSP, ciphertext, escrow, key, content
 * secrets.json     what this party keeps to finish the exchange (its nonce), owner-only
 * </pre>
 * Items are never rewritten; the same bytes with the same role are kept once. {@link #lock()} keeps two processes
 * from running the same deal at once.
 */
public final class DealFile {
    static final String RECORD = "deal.json";
    static final String ITEMS = "items";
    private static final String TIMELINE = "timeline.jsonl";
    private static final String SECRETS = "secrets.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path directory;

    DealFile(Path directory) {
        this.directory = directory;
    }

    public Path directory() {
        return directory;
    }

    /** An archived item, as the timeline lists it. */
    public record Item(String file, ItemRole role, String mediaType, String description, Instant time, String event) {
    }

    public Deal deal() throws DealArchiveException {
        try {
            return DealJson.read(JSON.readTree(directory.resolve(RECORD).toFile()));
        } catch (IOException | RuntimeException e) {
            throw new DealArchiveException("cannot read " + directory.resolve(RECORD) + ": " + e.getMessage(), e);
        }
    }

    public synchronized void save(Deal deal) throws DealArchiveException {
        try {
            writeWhole(directory.resolve(RECORD), DealJson.write(deal).toPrettyString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new DealArchiveException("cannot write " + directory.resolve(RECORD) + ": " + e.getMessage(), e);
        }
    }

    /** Adds a timeline event without an item. */
    public synchronized void note(String event, String direction, String detail) throws DealArchiveException {
        append(new DealEvent(Instant.now(), event, direction, detail, Optional.empty(), Optional.empty(),
                Optional.empty()));
    }

    /** Keeps a signed statement as an item with a timeline event; returns the item's file name. */
    public String keep(String event, String direction, ItemRole role, SignedStatement statement, String description)
            throws DealArchiveException {
        return keep(event, direction, role, "application/jose+json",
                statement.toJson().getBytes(StandardCharsets.UTF_8), description);
    }

    /** Keeps bytes as an item with a timeline event (once per role and content); returns the item's file name. */
    public synchronized String keep(String event, String direction, ItemRole role, String mediaType, byte[] content,
            String description) throws DealArchiveException {
        String sha256 = Hashes.h(content);
        for (Item item : items()) {
            if (item.role() == role && Hashes.h(read(item.file())).equals(sha256)) {
                return item.file();
            }
        }
        try {
            Path items = directory.resolve(ITEMS);
            Files.createDirectories(items);
            int next = 1;
            try (var files = Files.list(items)) {
                next += (int) files.count();
            }
            String name = String.format("%03d-%s.%s", next, role.code(), extension(mediaType));
            Files.write(items.resolve(name), content, StandardOpenOption.CREATE_NEW);
            append(new DealEvent(Instant.now(), event, direction, description, Optional.of(name), Optional.of(role),
                    Optional.of(mediaType)));
            return name;
        } catch (IOException e) {
            throw new DealArchiveException("cannot archive " + role.code() + " in " + directory + ": " + e.getMessage(),
                    e);
        }
    }

    /** Keeps the CRLs and OCSP responses a validation fetched (a judge needs them offline). */
    public void keep(RevocationData data) throws DealArchiveException {
        for (X509CRL crl : data.crls()) {
            try {
                keep("revocation data fetched", "local", ItemRole.CRL, "application/pkix-crl", crl.getEncoded(),
                        "CRL of " + crl.getIssuerX500Principal().getName() + ", this update " + crl.getThisUpdate()
                                .toInstant());
            } catch (CRLException e) {
                throw new DealArchiveException("cannot encode a CRL: " + e.getMessage(), e);
            }
        }
        for (BasicOCSPResp ocsp : data.ocspResponses()) {
            try {
                keep("revocation data fetched", "local", ItemRole.OCSP, "application/ocsp-response",
                        new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, ocsp).getEncoded(),
                        "OCSP response produced at " + ocsp.getProducedAt().toInstant());
            } catch (OCSPException | IOException e) {
                throw new DealArchiveException("cannot encode an OCSP response: " + e.getMessage(), e);
            }
        }
    }

    /** The timeline, oldest first. */
    public synchronized List<DealEvent> timeline() throws DealArchiveException {
        Path file = directory.resolve(TIMELINE);
        List<DealEvent> events = new ArrayList<>();
        if (!Files.exists(file)) {
            return events;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    events.add(DealJson.readEvent(JSON.readTree(line)));
                }
            }
            return events;
        } catch (IOException | RuntimeException e) {
            throw new DealArchiveException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Every archived item, in the order it was archived. */
    public List<Item> items() throws DealArchiveException {
        List<Item> items = new ArrayList<>();
        for (DealEvent event : timeline()) {
            if (event.item().isPresent()) {
                items.add(new Item(event.item().get(), event.role().orElse(ItemRole.OTHER),
                        event.mediaType().orElse("application/octet-stream"), event.detail(), event.time(),
                        event.event()));
            }
        }
        return items;
    }

    public byte[] read(String file) throws DealArchiveException {
        Path path = directory.resolve(ITEMS).resolve(file).normalize();
        if (!path.startsWith(directory.resolve(ITEMS))) {
            throw new DealArchiveException("not an item of this deal: " + file);
        }
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new DealArchiveException("cannot read item " + file + ": " + e.getMessage(), e);
        }
    }

    /** The latest item with {@code role}. */
    public Optional<byte[]> latest(ItemRole role) throws DealArchiveException {
        List<Item> items = items();
        for (int i = items.size() - 1; i >= 0; i--) {
            if (items.get(i).role() == role) {
                return Optional.of(read(items.get(i).file()));
            }
        }
        return Optional.empty();
    }

    /** The latest signed statement with {@code role}. */
    public Optional<SignedStatement> statement(ItemRole role) throws DealArchiveException {
        Optional<byte[]> bytes = latest(role);
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(SignedStatement.parse(new String(bytes.get(), StandardCharsets.UTF_8)));
        } catch (MalformedStatementException e) {
            throw new DealArchiveException("the archived " + role.code() + " is not a statement: " + e.getMessage(), e);
        }
    }

    /** Every signed statement with {@code role}, oldest first. */
    public List<SignedStatement> statements(ItemRole role) throws DealArchiveException {
        List<SignedStatement> statements = new ArrayList<>();
        for (Item item : items()) {
            if (item.role() == role) {
                try {
                    statements.add(SignedStatement.parse(new String(read(item.file()), StandardCharsets.UTF_8)));
                } catch (MalformedStatementException e) {
                    throw new DealArchiveException("the archived " + item.file() + " is not a statement", e);
                }
            }
        }
        return statements;
    }

    /** Keeps a secret this party needs to finish the exchange (owner-only file, never exported). */
    public synchronized void secret(String name, byte[] value) throws DealArchiveException {
        Map<String, String> secrets = secrets();
        secrets.put(name, Hashes.b64u(value));
        ObjectNode node = JSON.createObjectNode();
        secrets.forEach(node::put);
        Path file = directory.resolve(SECRETS);
        try {
            WholeFiles.writeOwnerOnly(file, node.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new DealArchiveException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    public synchronized Optional<byte[]> secret(String name) throws DealArchiveException {
        return Optional.ofNullable(secrets().get(name)).map(Hashes::unb64u);
    }

    private Map<String, String> secrets() throws DealArchiveException {
        Path file = directory.resolve(SECRETS);
        Map<String, String> secrets = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return secrets;
        }
        try {
            JsonNode node = JSON.readTree(file.toFile());
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> entry = it.next();
                secrets.put(entry.getKey(), entry.getValue().asText());
            }
            return secrets;
        } catch (IOException e) {
            throw new DealArchiveException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** A lock on this deal for this process; closing it releases it. */
    public AutoCloseable lock() throws DealArchiveException {
        Path file = directory.resolve(".lock");
        try {
            return DirectoryLock.tryLock(file).orElseThrow(() -> new DealArchiveException("deal "
                    + directory.getFileName() + " is being worked on by another semper command; wait for it to finish"));
        } catch (IOException e) {
            throw new DealArchiveException("cannot lock " + file + ": " + e.getMessage(), e);
        }
    }

    private void append(DealEvent event) throws DealArchiveException {
        Path file = directory.resolve(TIMELINE);
        try {
            Files.writeString(file, DealJson.writeEvent(event).toString() + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new DealArchiveException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static void writeWhole(Path file, byte[] content) throws IOException {
        WholeFiles.write(file, content);
    }

    private static String extension(String mediaType) {
        return switch (mediaType) {
            case "application/jose+json", "application/json" -> "json";
            case "application/pkix-cert" -> "cer";
            case "application/pkix-crl" -> "crl";
            case "application/ocsp-response" -> "ocsp";
            case "application/timestamp-reply" -> "tsr";
            case "text/plain" -> "txt";
            default -> "bin";
        };
    }

}
