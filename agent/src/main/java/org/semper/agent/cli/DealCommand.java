package org.semper.agent.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;

import org.semper.agent.deal.Deal;
import org.semper.agent.deal.DealArchiveException;
import org.semper.agent.dispute.DisputeFiling;
import org.semper.agent.deal.DealEvent;
import org.semper.agent.deal.DealFile;
import org.semper.agent.deal.DealReview;
import org.semper.agent.exchange.Deals;
import org.semper.agent.party.Agent;
import org.semper.agent.party.AgentException;
import org.semper.agent.trust.OnlineRevocation;
import org.semper.evidence.bundle.EvidenceBundle;
import org.semper.evidence.exchange.judge.JudgeReason;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "deal", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "One deal: its timeline and evidence (show), as an arbiter bundle (export), or recovery now.",
        subcommands = {DealCommand.Show.class, DealCommand.Export.class, DealCommand.Recover.class})
final class DealCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "say what to do: show, export or recover");
    }

    static DealFile open(Agent agent, String id) throws AgentException {
        try {
            return agent.archive().open(id);
        } catch (DealArchiveException e) {
            throw new AgentException(e.getMessage(), "semper deals lists your deals");
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = {"The deal's timeline with every piece of "
            + "evidence and whether it verifies (signatures with the evidence library at your trust anchors and the "
            + "archived CRLs/OCSP; ciphertext, escrow and key against what the first message commits to), and what "
            + "the protocol's judge finds on it."},
            exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:shown, every item verifies",
                "1:an item does not verify", "2:no such deal"})
    static final class Show extends AgentCommand {
        private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
                .withZone(ZoneId.systemDefault());

        @Parameters(paramLabel = "DEAL")
        String id;

        @Option(names = "--json", description = "As JSON.")
        boolean json;

        @Override
        boolean listens() {
            return false;
        }

        @Override
        int run(Agent agent, Deals deals) throws AgentException {
            DealReview.Review review;
            try {
                review = DealReview.review(open(agent, id), agent.trust().anchors(),
                        new OnlineRevocation(java.time.Duration.ofSeconds(10)));
            } catch (DealArchiveException e) {
                throw new AgentException(e.getMessage(), null);
            }
            boolean allVerify = review.checks().values().stream().allMatch(c -> c.verifies().orElse(true));
            if (json) {
                print(review);
            } else {
                render(review, agent);
            }
            return allVerify ? ExitCodes.OK : ExitCodes.FAILED;
        }

        private void render(DealReview.Review review, Agent agent) {
            PrintWriter out = out();
            Deal deal = review.deal();
            out.println("Deal " + deal.id() + " (" + deal.kind().name().toLowerCase() + ", you are the " + deal.role()
                    + ")");
            Render.field(out, "with", deal.counterpart().name() + "  [certificate " + deal.counterpart().fingerprint()
                    + "]  " + deal.counterpart().address());
            Render.field(out, "status", deal.status() + deal.outcome().map(o -> " - " + o).orElse(""));
            Render.field(out, "step", deal.step());
            deal.exchange().ifPresent(x -> Render.field(out, "exchange", x));
            deal.facts().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> Render.field(out, e.getKey(), e.getValue()));
            out.println();
            out.println("Timeline");
            for (DealEvent event : review.timeline()) {
                String mark = "    ";
                String check = "";
                if (event.item().isPresent()) {
                    DealReview.ItemCheck result = review.checks().get(event.item().get());
                    if (result != null) {
                        mark = result.verifies().map(ok -> ok ? "[ok]" : "[!!]").orElse("[  ]");
                        check = result.result();
                    }
                }
                out.printf("  %s  %-8s  %-28s %s%n", TIME.format(event.time()), event.direction(), event.event(),
                        event.detail());
                if (event.item().isPresent()) {
                    out.printf("      %s %s  %s%n", mark, event.item().get(), check);
                }
            }
            out.println();
            if (review.outcomes().isEmpty()) {
                out.println("What a judge finds: nothing yet (no protocol exchange has started)");
            } else {
                out.println("What a judge finds (docs/protocols.md section 8): " + String.join(", ", review.outcomes()));
                for (JudgeReason reason : review.reasons()) {
                    out.println("  " + reason.rule() + ": " + reason.text());
                }
            }
            out.flush();
        }

        private void print(DealReview.Review review) {
            ObjectNode root = DealsCommand.json(review.deal());
            ArrayNode timeline = root.putArray("timeline");
            for (DealEvent event : review.timeline()) {
                ObjectNode line = timeline.addObject().put("time", event.time().toString()).put("event", event.event())
                        .put("direction", event.direction()).put("detail", event.detail());
                event.item().ifPresent(item -> {
                    line.put("item", item);
                    event.role().ifPresent(role -> line.put("role", role.code()));
                    DealReview.ItemCheck check = review.checks().get(item);
                    if (check != null) {
                        check.verifies().ifPresent(ok -> line.put("verifies", ok));
                        line.put("check", check.result());
                    }
                });
            }
            ArrayNode outcomes = root.putArray("judgment");
            review.outcomes().forEach(outcomes::add);
            ArrayNode reasons = root.putArray("reasons");
            review.reasons().forEach(r -> reasons.addObject().put("rule", r.rule()).put("text", r.text()));
            Render.printJson(out(), root);
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true, description = {"Writes the deal's evidence as an "
            + "arbiter bundle (semper-bundle/1): every archived item under a manifest you sign."},
            exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:written", "1:you declined to sign",
                "2:no such deal, or the file cannot be written"})
    static final class Export extends AgentCommand {
        @Parameters(paramLabel = "DEAL")
        String id;

        @Option(names = "--out", paramLabel = "FILE", description = "Where to write it (default: "
                + "<deal directory>/bundle-<time>.json).")
        Path file;

        @Override
        boolean listens() {
            return false;
        }

        @Override
        int run(Agent agent, Deals deals) throws AgentException {
            DealFile deal = open(agent, id);
            EvidenceBundle bundle;
            try {
                bundle = new DisputeFiling(agent).bundle(id);
            } catch (AgentException e) {
                if (e.getCause() != null && org.semper.agent.consent.SignatureDeclinedException.in(e).isPresent()) {
                    err().println("semper deal export: not exported, you declined to sign the manifest");
                    return NOT_DONE;
                }
                throw e;
            }
            Path target = file != null ? file : deal.directory().resolve("bundle-" + Instant.now().toString()
                    .replace(':', '-') + ".json");
            try {
                Files.write(target, bundle.toJson());
            } catch (IOException e) {
                throw new AgentException("cannot write " + target + ": " + e.getMessage(), "choose another --out");
            }
            out().println("bundle " + bundle.id() + " (" + bundle.items().size() + " items) written to " + target);
            out().flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "recover", mixinStandardHelpOptions = true, description = {"Does now what the timeout would: the "
            + "initiator aborts (no answer came), a party that answered resolves (the last message did not come). "
            + "Also goes on with a stalled deal (the TTP was unreachable)."},
            exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:the exchange took place (or nothing to "
                + "recover)", "1:no exchange (aborted, void)", "2:no such deal", "3:the TTP could not be reached"})
    static final class Recover extends AgentCommand {
        @Parameters(paramLabel = "DEAL")
        String id;

        @Override
        int run(Agent agent, Deals deals) throws AgentException {
            return outcome(deals.recover(id));
        }
    }
}
