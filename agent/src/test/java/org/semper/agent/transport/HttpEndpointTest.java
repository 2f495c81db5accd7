package org.semper.agent.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semper.agent.testing.Pki;
import org.semper.evidence.exchange.Hashes;
import org.semper.evidence.statement.SignedStatement;
import org.semper.evidence.statement.StatementSigner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/** The agent's endpoint and both transports: envelopes arrive whole, and bad input gets problem+json. */
class HttpEndpointTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path home;
    private Inbox inbox;
    private HttpEndpoint endpoint;
    private Envelope envelope;

    @BeforeEach
    void setUp() throws Exception {
        inbox = new Inbox(home.resolve("inbox"));
        endpoint = HttpEndpoint.start("127.0.0.1", 0, inbox, () -> JsonNodeFactory.instance.objectNode()
                .put("name", "Alice"));
        Pki.Entity party = Pki.rootCa("Transport CA").issue("Bob", Pki.Usage.SIGNING);
        SignedStatement statement = StatementSigner.of(party.key().getPrivate(), List.of(party.certificate()))
                .sign("test/offer", Map.of("title", "a book"));
        envelope = new Envelope(statement.id(), "offer", new Envelope.Sender("Bob", Hashes.fingerprint(
                party.certificate()), "http://127.0.0.1:1"), Map.of("offer", statement), Map.of("c", new byte[] {1, 2}),
                Instant.now());
    }

    @AfterEach
    void tearDown() {
        endpoint.close();
    }

    private HttpResponse<String> post(String type, byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(endpoint.address() + Transport.MESSAGES_PATH))
                .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String code(HttpResponse<String> response) throws Exception {
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("status").asInt()).isEqualTo(response.statusCode());
        return problem.path("code").asText();
    }

    @Test
    void anEnvelopeSentOverHttpArrivesWholeInTheInbox() throws Exception {
        Transport.defaults().send(PeerAddress.parse(endpoint.address().toString()), envelope);
        Envelope received = inbox.take(envelope.deal(), "offer").orElseThrow();
        assertThat(received.statement("offer")).isEqualTo(envelope.statement("offer"));
        assertThat(received.attachment("c")).containsExactly(1, 2);
        assertThat(received.from()).isEqualTo(envelope.from());
        assertThat(inbox.take(envelope.deal(), "offer")).as("taken once").isEmpty();
    }

    @Test
    void anEnvelopeWrittenIntoAnInboxDirectoryArrivesToo() throws Exception {
        Path other = home.resolve("other-inbox");
        Transport.defaults().send(PeerAddress.parse(other.toString()), envelope);
        assertThat(new Inbox(other).take(envelope.deal(), "offer")).get().extracting(Envelope::kind)
                .isEqualTo("offer");
        assertThat(Files.list(other.resolve(".incoming"))).isEmpty();
    }

    @Test
    void malformedWronglyTypedAndOversizedBodiesAndOtherMethodsAreRefused() throws Exception {
        assertThat(code(post("application/json", "{not json".getBytes(StandardCharsets.UTF_8))))
                .isEqualTo("malformed-envelope");
        assertThat(code(post("application/json", "{\"format\":\"semper-envelope/1\",\"deal\":\"x\"}"
                .getBytes(StandardCharsets.UTF_8)))).isEqualTo("malformed-envelope");
        HttpResponse<String> wrongType = post("text/plain", envelope.toJson());
        assertThat(wrongType.statusCode()).isEqualTo(415);
        assertThat(code(wrongType)).isEqualTo("unsupported-media-type");
        HttpResponse<String> get = http.send(HttpRequest.newBuilder(URI.create(endpoint.address()
                + Transport.MESSAGES_PATH)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(code(get)).isEqualTo("method-not-allowed");
        try (Socket socket = new Socket("127.0.0.1", endpoint.address().getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + Transport.MESSAGES_PATH + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + (Envelope.MAX_BYTES + 1L) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String status = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            assertThat(status).isEqualTo("HTTP/1.1 413");
        }
        assertThat(inbox.deals()).isEmpty();
    }

    @Test
    void theIdentityIsServedAndAPeerThatRefusesIsReportedWithoutRetrying() throws Exception {
        HttpResponse<String> identity = http.send(HttpRequest.newBuilder(URI.create(endpoint.address()
                + "/semper/v1/identity")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(JSON.readTree(identity.body()).path("name").asText()).isEqualTo("Alice");
        Transport transport = new Transport(Duration.ofSeconds(2), 3, Duration.ofMillis(10));
        assertThatThrownBy(() -> transport.send(PeerAddress.parse("http://127.0.0.1:1"), envelope))
                .isInstanceOf(TransportException.class).hasMessageContaining("unreachable");
        assertThatThrownBy(() -> PeerAddress.parse("ftp://example.org/inbox"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
