package org.semper.agent.cli;

import java.io.PrintWriter;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.semper.agent.deal.Deal;
import org.semper.agent.deal.DealStatus;
import org.semper.agent.exchange.Deals;
import org.semper.agent.party.Agent;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "deals", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Lists the deals, newest first, with their state; incoming ones say which command deals with "
                + "them.")
final class DealsCommand extends AgentCommand {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.systemDefault());

    @Option(names = "--json", description = "As JSON.")
    boolean json;

    @Override
    boolean listens() {
        return false;
    }

    @Override
    int run(Agent agent, Deals deals) {
        List<Deal> all = agent.deals();
        PrintWriter out = out();
        if (json) {
            ArrayNode array = Render.JSON.createArrayNode();
            all.forEach(deal -> array.add(json(deal)));
            out.println(array.toPrettyString());
            out.flush();
            return ExitCodes.OK;
        }
        if (all.isEmpty()) {
            out.println("no deals yet (semper offer, sign-contract, send-mail start one; incoming ones arrive while a "
                    + "command or 'semper listen' runs)");
        }
        out.printf("%-10s  %-8s  %-10s  %-9s  %-16s  %-14s  %s%n", "DEAL", "KIND", "ROLE", "STATUS", "UPDATED",
                "WITH", "WHAT");
        for (Deal deal : all) {
            out.printf("%-10s  %-8s  %-10s  %-9s  %-16s  %-14s  %s%n", Agent.shortId(deal.id()),
                    deal.kind().name().toLowerCase(), deal.role(), deal.status(), TIME.format(deal.updated()),
                    clip(deal.counterpart().name(), 14), what(deal));
        }
        for (Deal deal : all) {
            if (deal.status() == DealStatus.INCOMING) {
                out.println(incomingLine(deal));
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    static ObjectNode json(Deal deal) {
        ObjectNode node = Render.JSON.createObjectNode().put("id", deal.id()).put("kind", deal.kind().name())
                .put("role", deal.role()).put("status", deal.status().name()).put("step", deal.step())
                .put("counterpart", deal.counterpart().name()).put("counterpartCertSha256",
                        deal.counterpart().fingerprint());
        deal.exchange().ifPresent(x -> node.put("exchange", x));
        deal.outcome().ifPresent(o -> node.put("outcome", o));
        ObjectNode facts = node.putObject("facts");
        deal.facts().forEach(facts::put);
        node.put("created", deal.created().toString()).put("updated", deal.updated().toString());
        return node;
    }

    static String what(Deal deal) {
        String title = deal.fact("title").orElse("");
        return deal.fact("price").map(p -> title + " (" + p + ")").orElse(title);
    }

    /** What to do with an incoming deal. */
    static String incomingLine(Deal deal) {
        String id = Agent.shortId(deal.id());
        String command = switch (deal.kind()) {
            case PURCHASE -> "semper order " + id + ", then semper pay " + id;
            case CONTRACT -> "semper sign-contract " + id;
            case MAIL -> "semper receive-mail " + id;
        };
        String kind = switch (deal.kind()) {
            case PURCHASE -> "offer";
            case CONTRACT -> "contract to sign";
            case MAIL -> "certified mail";
        };
        return "incoming " + kind + " from " + deal.counterpart().name() + ": " + what(deal) + "  ->  " + command;
    }

    private static String clip(String text, int length) {
        return text.length() <= length ? text : text.substring(0, length - 1) + "~";
    }
}
