package org.semper.agent.dispute;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.semper.agent.consent.SignatureDeclinedException;
import org.semper.agent.consent.SigningPurpose;
import org.semper.agent.deal.Deal;
import org.semper.agent.deal.DealArchiveException;
import org.semper.agent.deal.DealBundle;
import org.semper.agent.deal.DealFile;
import org.semper.agent.deal.DealStatus;
import org.semper.agent.party.Agent;
import org.semper.agent.party.AgentException;
import org.semper.evidence.bundle.EvidenceBundle;
import org.semper.evidence.bundle.ItemRole;
import org.semper.evidence.exchange.Hashes;
import org.semper.evidence.statement.SignedStatement;
import org.semper.evidence.verdict.Claim;
import org.semper.evidence.verdict.ClaimType;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A party takes a deal to the arbiter: its archive as a signed bundle, a signed claim ({@code semper-claim/1}, typ
 * {@code semper-dispute-claim+json}: type, respondent, amount, currency, protocol, exchange, bundle id, grounds),
 * filed together; then, once the arbiter has decided, the signed transcript and its HTML and PDF renderings, fetched
 * with a signed access request and kept in the deal's directory ({@code dispute/}) and archive.
 */
public final class DisputeFiling {
    /** {@code typ} of a party's request for its own record of a dispute (the arbiter's {@code PartyAccess}). */
    public static final String ACCESS_TYPE = "semper-dispute-access+json";
    /** The notice the arbiter sends the respondent by certified mail. */
    public static final String NOTICE_FORMAT = "semper-dispute-notice/1";

    private final Agent agent;
    private final ArbiterClient arbiter;

    public DisputeFiling(Agent agent) {
        this.agent = agent;
        this.arbiter = new ArbiterClient(URI.create(agent.config().arbiter()), Duration.ofSeconds(30));
    }

    /** What was filed: the arbiter's dispute id, its state, and the response deadline. */
    public record Filed(String dispute, String state, Optional<String> respondBy, String bundle, String claim) {
    }

    /** The transcript's files and the verdict it states. */
    public record Transcript(String verdict, Path json, Path html, Path pdf, String id) {
    }

    /** The claim a deal supports by default: what the party is owed. */
    public static String defaultClaim(Deal deal) {
        if (deal.fact("problem").filter("goods-not-as-described"::equals).isPresent()) {
            return "goods-not-as-described";
        }
        return switch (deal.kind()) {
            case PURCHASE -> deal.role().equals("merchant") ? "payment-due" : "refund-due";
            case CONTRACT -> deal.status() == DealStatus.ABORTED ? "contract-not-binding" : "contract-binding";
            case MAIL -> deal.role().equals("sender") ? "proof-of-receipt" : "proof-of-origin";
        };
    }

    public Filed file(String dealId, Optional<String> claimType, Optional<String> amount, String grounds)
            throws AgentException {
        DealFile file = open(dealId);
        Deal deal = deal(file);
        String type = claimType.orElse(defaultClaim(deal));
        String money = amount.orElse(deal.fact("amount").map(minor -> major(minor, deal.fact("currency")
                .orElse("EUR"))).orElse("0"));
        String currency = deal.fact("currency").orElse("EUR");
        ClaimType kind = ClaimType.fromCode(type).orElseThrow(() -> new AgentException("unknown claim type "
                + type, "one of " + claimTypes()));
        // The claim is signed first and validated, which keeps in the deal the CRL/OCSP proving its signer's
        // certificate good when it signed; the bundle then holds that data, so the arbiter can validate the claim
        // offline. The claim itself travels beside the bundle (the arbiter's case bundle holds exactly one claim).
        Map<String, Object> payload = Claim.payload(kind, deal.counterpart().fingerprint(), money, currency,
                deal.exchangeOrId(), null, null, grounds);
        SignedStatement claim = signed("claim '" + type + "' for " + money + " " + currency + " against "
                + deal.counterpart().name() + " before the arbiter", () -> agent.signer().sign(Claim.TYPE, payload));
        agent.trust().recording(data -> {
            try {
                file.keep(data);
            } catch (DealArchiveException e) {
                agent.progress().step("warning: " + e.getMessage());
            }
        }).validate(claim);
        EvidenceBundle bundle = bundle(file, deal);
        JsonNode view;
        try {
            view = arbiter.file(claim, bundle.toJson());
        } catch (ArbiterClient.ArbiterException e) {
            throw new AgentException("the dispute was not filed: " + e.getMessage(), e.code().equals("unreachable")
                    ? "start the arbiter (./semper demo runs the suite) or check 'arbiter' in agent.json"
                    : "see the arbiter's reason above; 'semper deal show " + Agent.shortId(dealId) + "' shows the "
                            + "evidence", e);
        }
        String dispute = view.path("id").asText();
        try {
            file.keep("claim filed", "sent", ItemRole.CLAIM, claim, "claim " + type + " before the arbiter at "
                    + arbiter.base() + ", dispute " + dispute);
            file.note("dispute filed", "sent", "dispute " + dispute + " (bundle " + bundle.id() + "), state "
                    + view.path("state").asText());
            file.save(deal.withFact("dispute", dispute).withFact("claim", type).at(DealStatus.DISPUTED, "disputed"));
        } catch (DealArchiveException e) {
            throw new AgentException(e.getMessage(), null, e);
        }
        return new Filed(dispute, view.path("state").asText(), Optional.ofNullable(view.path("respondBy")
                .asText(null)), bundle.id(), claim.id());
    }

    /**
     * Waits up to {@code patience} for the arbiter's decision, then fetches the transcript (JSON, HTML, PDF) into the
     * deal's directory; empty if it is not decided in that time.
     */
    public Optional<Transcript> transcript(String dealId, Duration patience) throws AgentException {
        DealFile file = open(dealId);
        Deal deal = deal(file);
        String dispute = deal.fact("dispute").orElseThrow(() -> new AgentException("deal " + dealId + " has no "
                + "dispute", "file one: semper dispute " + Agent.shortId(dealId)));
        Instant end = Instant.now().plus(patience);
        agent.progress().waiting("the arbiter's decision on dispute " + dispute, patience);
        while (true) {
            Optional<byte[]> transcript = fetch(dispute, "transcript");
            if (transcript.isPresent()) {
                return Optional.of(keep(file, deal, dispute, transcript.get()));
            }
            if (Instant.now().isAfter(end)) {
                return Optional.empty();
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }

    private Transcript keep(DealFile file, Deal deal, String dispute, byte[] json) throws AgentException {
        byte[] html = fetch(dispute, "html").orElse(new byte[0]);
        byte[] pdf = fetch(dispute, "pdf").orElse(new byte[0]);
        Path directory = file.directory().resolve("dispute");
        try {
            Files.createDirectories(directory);
            Path jsonFile = Files.write(directory.resolve("transcript.json"), json);
            Path htmlFile = Files.write(directory.resolve("transcript.html"), html);
            Path pdfFile = Files.write(directory.resolve("transcript.pdf"), pdf);
            SignedStatement statement = SignedStatement.parse(new String(json, java.nio.charset.StandardCharsets.UTF_8));
            String verdict = verdict(statement.payload());
            file.keep("transcript received", "received", ItemRole.TRANSCRIPT, statement, "the arbiter's transcript: "
                    + verdict);
            file.save(deal.withFact("verdict", verdict).withFact("transcript", jsonFile.toString()));
            return new Transcript(verdict, jsonFile, htmlFile, pdfFile, statement.id());
        } catch (IOException | DealArchiveException | org.semper.evidence.statement.MalformedStatementException e) {
            throw new AgentException("cannot keep the transcript: " + e.getMessage(), null, e);
        }
    }

    /** The verdict in words, from the transcript's payload: "upheld: respondent ... liable for 19.99 EUR". */
    static String verdict(JsonNode payload) {
        String verdict = payload.path("verdict").asText("see the transcript");
        JsonNode liability = payload.path("decision").path("liability");
        if (liability.isMissingNode() || liability.isNull()) {
            return verdict;
        }
        String who = liability.path("subject").asText(liability.path("party").asText());
        String text = verdict + ": " + liability.path("role").asText("party") + " " + who + " liable for "
                + liability.path("amount").asText() + " " + liability.path("currency").asText();
        JsonNode cover = liability.path("cover");
        return cover.isObject() ? text + " (covered " + liability.path("coveredAmount").asText() + " "
                + cover.path("currency").asText() + " by its certificate's liability cover)" : text;
    }

    /** What a notice of dispute says. */
    public record Notice(String dispute, String claimType, String amount, String currency, String respondBy,
            Optional<String> exchange) {
    }

    /** Reads the notice of dispute a certified-mail deal delivered. */
    public Notice notice(String mailDealId) throws AgentException {
        DealFile file = open(mailDealId);
        try {
            byte[] content = file.latest(ItemRole.PLAINTEXT).orElseThrow(() -> new AgentException("mail " + mailDealId
                    + " has not been opened", "semper receive-mail --relay"));
            JsonNode notice = new com.fasterxml.jackson.databind.ObjectMapper().readTree(content);
            if (!NOTICE_FORMAT.equals(notice.path("format").asText())) {
                throw new AgentException("mail " + mailDealId + " is not a notice of dispute", null);
            }
            Optional<String> exchange = Optional.empty();
            try {
                exchange = Optional.ofNullable(SignedStatement.parse(notice.path("claim").asText()).payload()
                        .path("exchange").asText(null));
            } catch (org.semper.evidence.statement.MalformedStatementException e) {
                // a notice without a readable claim: the exchange must be named by hand
            }
            return new Notice(notice.path("dispute").asText(), notice.path("claimType").asText(),
                    notice.path("amount").asText(), notice.path("currency").asText(), notice.path("respondBy")
                            .asText(), exchange);
        } catch (DealArchiveException | IOException e) {
            throw new AgentException("cannot read the notice in " + mailDealId + ": " + e.getMessage(), null, e);
        }
    }

    /**
     * The respondent answers a notice: the bundle of its own deal with the exchange the claim names, signed, sent to
     * its configured arbiter (never to a URL taken from the notice).
     */
    public String respond(String mailDealId) throws AgentException {
        Notice notice = notice(mailDealId);
        String exchange = notice.exchange().orElseThrow(() -> new AgentException("the notice names no exchange",
                "answer with the deal's bundle by hand"));
        Deal deal = agent.archive().deals().stream().filter(d -> d.exchangeOrId().equals(exchange)).findFirst()
                .orElseThrow(() -> new AgentException("you have no deal with exchange " + exchange,
                        "the claim is about an exchange you do not know; answer the arbiter by hand"));
        DealFile file = open(deal.id());
        EvidenceBundle bundle = bundle(file, deal);
        try {
            arbiter.respond(notice.dispute(), bundle.toJson());
            file.note("dispute answered", "sent", "bundle " + bundle.id() + " to the arbiter for dispute "
                    + notice.dispute());
            file.save(deal.withFact("dispute", notice.dispute()).at(DealStatus.DISPUTED, "disputed"));
        } catch (ArbiterClient.ArbiterException e) {
            throw new AgentException("the answer was not accepted: " + e.getMessage(), null, e);
        } catch (DealArchiveException e) {
            throw new AgentException(e.getMessage(), null, e);
        }
        return deal.id();
    }

    private Optional<byte[]> fetch(String dispute, String what) throws AgentException {
        Map<String, Object> request = Map.of("dispute", dispute, "what", what, "nonce",
                Hashes.b64u(Hashes.random32()));
        SignedStatement access = signed("ask the arbiter for your record of dispute " + dispute + " (" + what + ")",
                () -> agent.signer().sign(ACCESS_TYPE, request));
        try {
            return arbiter.record(dispute, access);
        } catch (ArbiterClient.ArbiterException e) {
            throw new AgentException(e.getMessage(), "try again later: semper dispute --transcript", e);
        }
    }

    private DealFile open(String dealId) throws AgentException {
        try {
            return agent.archive().open(dealId);
        } catch (DealArchiveException e) {
            throw new AgentException(e.getMessage(), "semper deals lists your deals", e);
        }
    }

    private static Deal deal(DealFile file) throws AgentException {
        try {
            return file.deal();
        } catch (DealArchiveException e) {
            throw new AgentException(e.getMessage(), null, e);
        }
    }

    /** The deal's evidence as a bundle whose manifest the party signs (through its consent gate). */
    public EvidenceBundle bundle(String dealId) throws AgentException {
        DealFile file = open(dealId);
        return bundle(file, deal(file));
    }

    private EvidenceBundle bundle(DealFile file, Deal deal) throws AgentException {
        return signed("sign the list of evidence of deal " + Agent.shortId(deal.id()) + " for the arbiter",
                () -> export(file));
    }

    private EvidenceBundle export(DealFile file) {
        try {
            return DealBundle.export(file, agent.signer());
        } catch (DealArchiveException e) {
            throw new IllegalStateException(e);
        }
    }

    private interface Signing<T> {
        T run();
    }

    private static <T> T signed(String purpose, Signing<T> signing) throws AgentException {
        try {
            return SigningPurpose.during(purpose, signing::run);
        } catch (RuntimeException e) {
            if (SignatureDeclinedException.in(e).isPresent()) {
                throw new AgentException("you declined to sign: " + purpose, null, e);
            }
            if (e.getCause() instanceof DealArchiveException archive) {
                throw new AgentException(archive.getMessage(), null, archive);
            }
            throw e;
        }
    }

    /** "1999" minor units of EUR as "19.99". */
    static String major(String minor, String currency) {
        int digits = 2;
        try {
            digits = Math.max(0, java.util.Currency.getInstance(currency.toUpperCase(Locale.ROOT))
                    .getDefaultFractionDigits());
        } catch (IllegalArgumentException e) {
            // two decimals
        }
        return new BigDecimal(minor).movePointLeft(digits).toPlainString();
    }

    static List<String> claimTypes() {
        return java.util.Arrays.stream(ClaimType.values()).map(ClaimType::code).toList();
    }
}
