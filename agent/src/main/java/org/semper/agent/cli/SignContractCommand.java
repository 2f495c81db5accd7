package org.semper.agent.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.semper.agent.exchange.Deals;
import org.semper.agent.party.Agent;
import org.semper.agent.party.AgentException;
import org.semper.evidence.exchange.cs.ContractTerms;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "sign-contract", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {"Signs a contract with another party (semper-cs/1): either proposes one (--with and --text or "
                + "--file) and runs the exchange, or countersigns an incoming one (DEAL). Without the other party's "
                + "next message in time, aborts or resolves with the notary: both end with the contract, or neither."},
        footer = {"", "Examples:", "  semper sign-contract --with bob --title Bicycle --text 'Alice sells Bob her bicycle "
                + "for 100 EUR.'", "  semper sign-contract 3fA9xk      (Bob countersigns)"},
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:the contract binds both", "1:no contract "
                + "(aborted, declined)", "2:usage error", "3:stalled: the notary could not be reached"})
final class SignContractCommand extends AgentCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "DEAL", description = "An incoming contract to countersign.")
    String deal;

    @Option(names = "--with", paramLabel = "CONTACT", description = "Propose a contract to this contact.")
    String with;

    static final class Terms {
        @Option(names = "--text", description = "The contract's text (signed as it is).")
        String text;

        @Option(names = "--file", paramLabel = "FILE", description = "A contract document: its SHA-256 is signed.")
        Path file;
    }

    @ArgGroup(exclusive = true)
    Terms terms;

    @Option(names = "--media-type", defaultValue = "text/plain", description = "The contract's media type (default: "
            + "${DEFAULT-VALUE}).")
    String mediaType;

    @Option(names = "--title", description = "A short name for the deal list (default: the text's first line).")
    String title;

    @Override
    int run(Agent agent, Deals deals) throws AgentException {
        if (deal != null) {
            return outcome(deals.contracts().countersign(deal));
        }
        if (with == null || terms == null) {
            throw new AgentException("say which contract: DEAL to countersign, or --with CONTACT and --text/--file",
                    "semper deals lists incoming contracts");
        }
        ContractTerms contract;
        String name;
        if (terms.text != null) {
            contract = ContractTerms.text(mediaType, terms.text);
            name = title != null ? title : terms.text.strip().split("\n", 2)[0];
        } else {
            try {
                contract = ContractTerms.hashed(mediaType, Files.readAllBytes(terms.file));
            } catch (IOException e) {
                throw new AgentException("cannot read " + terms.file + ": " + e.getMessage(), "check the path");
            }
            name = title != null ? title : terms.file.getFileName().toString();
        }
        return outcome(deals.contracts().propose(agent.contact(with), contract, name));
    }
}
