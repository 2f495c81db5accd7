package org.semper.agent.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.semper.agent.deal.Deal;
import org.semper.agent.exchange.Deals;
import org.semper.agent.party.Agent;
import org.semper.agent.party.AgentException;
import org.semper.evidence.exchange.px.Price;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "offer", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, sortOptions = false,
        description = {"Merchant: offers digital goods to a buyer: signs an offer (goods described by name, type, "
                + "size and SHA-256; price; the notary) and sends it. Then 'semper deliver DEAL'."},
        footer = {"", "Example:", "  semper offer --to alice --goods book.pdf --title 'The SEMPER book' --price '19.99 EUR'"},
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:offered", "1:you declined to sign",
            "2:usage or input error", "3:the notary or the buyer could not be reached"})
final class OfferCommand extends AgentCommand {
    @Option(names = "--to", required = true, paramLabel = "CONTACT", description = "The buyer (a contact).")
    String to;

    @Option(names = "--goods", required = true, paramLabel = "FILE", description = "The goods.")
    Path goods;

    @Option(names = "--title", required = true, description = "What the goods are, in words.")
    String title;

    @Option(names = "--price", required = true, converter = Money.class, paramLabel = "AMOUNT CUR",
            description = "The price, e.g. '19.99 EUR'.")
    Price price;

    @Option(names = "--media-type", defaultValue = "application/octet-stream",
            description = "The goods' media type (default: ${DEFAULT-VALUE}).")
    String mediaType;

    @Option(names = "--valid", paramLabel = "DURATION", defaultValue = "7d", converter = DurationConverter.class,
            description = "How long the offer stands (default: ${DEFAULT-VALUE}).")
    Duration valid;

    @Override
    int run(Agent agent, Deals deals) throws AgentException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(goods);
        } catch (IOException e) {
            throw new AgentException("cannot read the goods " + goods + ": " + e.getMessage(), "check the path");
        }
        Deal deal = deals.purchases().offer(agent.contact(to), bytes, goods.getFileName().toString(), mediaType, title,
                price, valid);
        out().println("offer sent: deal " + deal.id());
        out().println("next: semper deliver " + Agent.shortId(deal.id()) + " (waits for the order)");
        return ExitCodes.OK;
    }
}
