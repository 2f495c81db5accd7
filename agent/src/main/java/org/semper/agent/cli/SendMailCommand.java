package org.semper.agent.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.semper.agent.exchange.Deals;
import org.semper.agent.party.Agent;
import org.semper.agent.party.AgentException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "send-mail", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Sends a file by certified mail (semper-cm/1): the recipient gets it only by signing a "
                + "receipt, and you get the receipt only if it can open it. Without the receipt in time, aborts with "
                + "the certified-mail service."},
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:delivered with a receipt", "1:not delivered "
                + "(aborted, declined)", "2:usage error", "3:stalled: the service could not be reached"})
final class SendMailCommand extends AgentCommand {
    @Option(names = "--to", required = true, paramLabel = "CONTACT", description = "The recipient.")
    String to;

    @Option(names = "--subject", required = true, description = "The subject (signed in the evidence of origin).")
    String subject;

    @Parameters(index = "0", paramLabel = "FILE", description = "The message.")
    Path file;

    @Override
    int run(Agent agent, Deals deals) throws AgentException {
        byte[] message;
        try {
            message = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new AgentException("cannot read " + file + ": " + e.getMessage(), "check the path");
        }
        return outcome(deals.mail().send(agent.contact(to), subject, message, file.getFileName().toString()));
    }
}
