package org.semper.agent.transport;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

import org.semper.agent.net.UnreachableException;
import org.semper.agent.net.WebClient;

/**
 * Hands envelopes to other agents: over HTTP to their endpoint ({@code POST <base>/semper/v1/messages}), or as
 * files into their inbox directory. A failed hand-over is retried a few times (the peer may be starting) and then
 * reported; the deal's state machine decides what a message that may not have arrived means (usually: wait, then
 * recover with the TTP).
 */
public final class Transport {
    public static final String MESSAGES_PATH = "/semper/v1/messages";

    private final WebClient web;
    private final int attempts;
    private final Duration backoff;

    public Transport(Duration timeout, int attempts, Duration backoff) {
        this.web = new WebClient(timeout);
        this.attempts = Math.max(1, attempts);
        this.backoff = backoff;
    }

    public static Transport defaults() {
        return new Transport(Duration.ofSeconds(10), 4, Duration.ofMillis(250));
    }

    public void send(PeerAddress to, Envelope envelope) throws TransportException {
        TransportException last = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try {
                if (to instanceof PeerAddress.Http http) {
                    post(http.base(), envelope);
                } else {
                    new Inbox(((PeerAddress.Directory) to).inbox()).deliver(envelope);
                }
                return;
            } catch (TransportException e) {
                if (e.getCause() == null) {
                    throw e;   // the peer answered and refused: no point in retrying
                }
                last = e;
            } catch (IOException e) {
                last = new TransportException("cannot write into the inbox " + to + ": " + e.getMessage(), e);
            }
            try {
                Thread.sleep(backoff.toMillis() * attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TransportException("interrupted while sending " + envelope.kind(), e);
            }
        }
        throw last;
    }

    private void post(URI base, Envelope envelope) throws TransportException {
        URI uri = URI.create(base.toString() + MESSAGES_PATH);
        try {
            WebClient.Answer answer = web.post(uri, "application/json", envelope.toJson(), Map.of());
            if (!answer.ok()) {
                throw new TransportException("the agent at " + base + " refused the " + envelope.kind() + ": "
                        + answer.problem());
            }
        } catch (UnreachableException e) {
            throw new TransportException("the agent at " + base + " is unreachable: " + e.getMessage(), e);
        }
    }
}
