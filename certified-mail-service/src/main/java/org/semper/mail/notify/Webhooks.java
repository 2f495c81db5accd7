package org.semper.mail.notify;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.semper.evidence.exchange.Payloads;
import org.semper.mail.MailConfig;
import org.semper.mail.evidence.RelayEvent;
import org.semper.mail.party.PartyRequest;
import org.semper.mail.problem.MailProblem;
import org.semper.mail.problem.MailProblems;
import org.semper.mail.relay.Consigned;
import org.semper.mail.relay.MailMessages;
import org.semper.mail.relay.Transactions;
import org.semper.runtime.problem.ProblemException;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.runtime.ShutdownEvent;

/**
 * Recipients' webhooks: a recipient registers a URL with a signed request; when a message for it is consigned,
 * the service POSTs the ContentConsignment evidence there (JSON, README "Notification"), retrying with back-off.
 * A notification is a courtesy: the recipient can always poll its inbox, and the evidence does not depend on it.
 */
@ApplicationScoped
public class Webhooks {

    private static final Logger LOG = Logger.getLogger(Webhooks.class);

    private final DataSource dataSource;
    private final MailConfig.Webhook config;
    private final HttpClient client;
    private final ScheduledExecutorService executor;

    @Inject
    public Webhooks(DataSource dataSource, MailConfig config) {
        this.dataSource = dataSource;
        this.config = config.webhook();
        this.client = HttpClient.newBuilder().connectTimeout(this.config.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.executor = Executors.newScheduledThreadPool(2, r -> {
            Thread thread = new Thread(r, "semper-mail-webhooks");
            thread.setDaemon(true);
            return thread;
        });
    }

    void stop(@Observes ShutdownEvent event) {
        executor.shutdownNow();
    }

    /** Registers the requester's webhook ({@code url}), or removes it ({@code url: ""}). */
    public Optional<URI> register(PartyRequest request) {
        String url = request.text("url");
        if (url.isEmpty()) {
            Transactions.run(dataSource, c -> {
                try (PreparedStatement delete = c.prepareStatement("DELETE FROM mail_webhook WHERE recipient = ?")) {
                    delete.setString(1, request.party());
                    return delete.executeUpdate();
                }
            });
            return Optional.empty();
        }
        URI uri = check(url);
        Transactions.run(dataSource, c -> {
            try (PreparedStatement upsert = c.prepareStatement("INSERT INTO mail_webhook (recipient, url, registered_at) "
                    + "VALUES (?, ?, ?) ON CONFLICT (recipient) DO UPDATE SET url = EXCLUDED.url, "
                    + "registered_at = EXCLUDED.registered_at")) {
                upsert.setString(1, request.party());
                upsert.setString(2, uri.toString());
                upsert.setTimestamp(3, Timestamp.from(Instant.now()));
                return upsert.executeUpdate();
            }
        });
        return Optional.of(uri);
    }

    private URI check(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            uri = null;
        }
        boolean scheme = uri != null && ("https".equals(uri.getScheme()) || config.allowHttp() && "http".equals(uri.getScheme()));
        if (!scheme || uri.getHost() == null || uri.getUserInfo() != null || uri.getFragment() != null) {
            throw new ProblemException(MailProblem.BAD_WEBHOOK, "The webhook must be an absolute https URL without user "
                    + "info or fragment" + (config.allowHttp() ? " (http allowed here)" : ""));
        }
        if (!publicHost(uri)) {
            throw new ProblemException(MailProblem.BAD_WEBHOOK, "The webhook's host " + uri.getHost()
                    + " does not resolve to public addresses only");
        }
        return uri;
    }

    /** No requests into the service's own network (checked at registration and again before each delivery). */
    private boolean publicHost(URI uri) {
        if (config.allowPrivateAddresses()) {
            return true;
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(uri.getHost())) {
                if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                        || address.isAnyLocalAddress() || address.isMulticastAddress()) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** Schedules the notification of a consigned message's recipient, if it registered a webhook. */
    void consigned(@Observes Consigned event) {
        Optional<URI> url = Transactions.run(dataSource, c -> {
            try (PreparedStatement q = c.prepareStatement("SELECT url FROM mail_webhook WHERE recipient = ?")) {
                q.setString(1, event.message().recipient());
                try (ResultSet rs = q.executeQuery()) {
                    return rs.next() ? Optional.of(URI.create(rs.getString(1))) : Optional.<URI>empty();
                }
            }
        });
        url.ifPresent(uri -> executor.execute(() -> deliver(uri, event, 1)));
    }

    private void deliver(URI uri, Consigned event, int attempt) {
        if (!publicHost(uri)) {
            LOG.warnf("Webhook %s now resolves to a non-public address; %s not notified", uri, event.message().exchangeId());
            return;
        }
        ObjectNode body = Payloads.object().put("event", RelayEvent.CONTENT_CONSIGNMENT.etsiName())
                .put("exchange", event.message().exchangeId()).put("sender", event.message().sender())
                .put("subject", event.message().subject()).put("size", event.message().contentSize())
                .put("deadline", Payloads.format(event.message().deadline()));
        body.set("evidence", MailProblems.json(event.consignment()));
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(config.timeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        try {
            HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 == 2) {
                Transactions.run(dataSource, c -> {
                    MailMessages.notified(c, event.message().exchangeId(), Instant.now());
                    return null;
                });
                return;
            }
            retry(uri, event, attempt, "HTTP " + response.statusCode());
        } catch (java.io.IOException e) {
            retry(uri, event, attempt, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void retry(URI uri, Consigned event, int attempt, String why) {
        if (attempt >= config.attempts()) {
            LOG.warnf("Webhook %s not notified of %s after %d attempts (%s); the recipient can poll", uri,
                    event.message().exchangeId(), attempt, why);
            return;
        }
        Duration wait = config.backoff().multipliedBy(1L << Math.min(attempt - 1, 16));
        executor.schedule(() -> deliver(uri, event, attempt + 1), wait.toMillis(), TimeUnit.MILLISECONDS);
    }
}
