package org.semper.agent.cli;

import java.time.Duration;
import java.util.Optional;

import org.semper.agent.dispute.DisputeFiling;
import org.semper.agent.exchange.Deals;
import org.semper.agent.party.Agent;
import org.semper.agent.party.AgentException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "dispute", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, sortOptions = false,
        description = {"Takes a deal to the dispute arbiter: exports its evidence as a bundle you sign, signs the "
                + "claim (by default what the deal supports: goods-not-as-described, payment-due, refund-due, "
                + "contract-binding, proof-of-receipt, ...), files both, and waits for the verdict; the transcript "
                + "(JSON, HTML, PDF) is saved in the deal's directory.",
            "The respondent, notified by certified mail (semper receive-mail --relay), answers with --answer MAIL."},
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:filed (and decided, with the transcript saved)",
            "1:the arbiter refused, or you declined to sign", "2:usage error", "3:the arbiter could not be reached, "
                    + "or has not decided within --wait"})
final class DisputeCommand extends AgentCommand {
    @Parameters(paramLabel = "DEAL", description = "The deal in dispute; with --answer: the certified mail holding "
            + "the arbiter's notice.")
    String deal;

    @Option(names = "--answer", description = "Answer the notice of dispute in the mail DEAL with your own evidence of "
            + "the exchange it names.")
    boolean answer;

    @Option(names = "--claim", paramLabel = "TYPE", description = "The claim type (default: what the deal supports).")
    String claim;

    @Option(names = "--amount", description = "The amount claimed, e.g. 19.99 (default: the deal's price).")
    String amount;

    @Option(names = "--grounds", defaultValue = "", description = "In words, why.")
    String grounds;

    @Option(names = "--wait", paramLabel = "DURATION", defaultValue = "2m", converter = DurationConverter.class,
            description = "How long to wait for the verdict (default: ${DEFAULT-VALUE}; 0s: do not wait).")
    Duration wait;

    @Option(names = "--transcript", description = "Only fetch the transcript of a dispute filed before.")
    boolean transcriptOnly;

    @Override
    boolean listens() {
        return false;
    }

    @Override
    int run(Agent agent, Deals deals) throws AgentException {
        DisputeFiling filing = new DisputeFiling(agent);
        if (answer) {
            DisputeFiling.Notice notice = filing.notice(deal);
            out().println("notice of dispute " + notice.dispute() + ": claim " + notice.claimType() + " for "
                    + notice.amount() + " " + notice.currency() + ", answer by " + notice.respondBy());
            String answered = filing.respond(deal);
            out().println("answered with the evidence of deal " + answered);
            return ExitCodes.OK;
        }
        if (!transcriptOnly) {
            DisputeFiling.Filed filed = filing.file(deal, Optional.ofNullable(claim), Optional.ofNullable(amount),
                    grounds);
            out().println("dispute " + filed.dispute() + " filed (" + filed.state() + "), claim " + filed.claim()
                    + ", bundle " + filed.bundle() + filed.respondBy().map(r -> "; the respondent may answer until " + r)
                    .orElse(""));
            out().flush();
            if (wait.isZero()) {
                out().println("next: semper dispute " + Agent.shortId(deal) + " --transcript (once decided)");
                return ExitCodes.OK;
            }
        }
        Optional<DisputeFiling.Transcript> transcript = filing.transcript(deal, wait);
        if (transcript.isEmpty()) {
            err().println("semper dispute: not decided yet");
            err().println("next: semper dispute " + Agent.shortId(deal) + " --transcript");
            return ExitCodes.UNREACHABLE;
        }
        out().println("verdict: " + transcript.get().verdict());
        out().println("transcript " + transcript.get().id());
        out().println("  JSON  " + transcript.get().json());
        out().println("  HTML  " + transcript.get().html());
        out().println("  PDF   " + transcript.get().pdf());
        return ExitCodes.OK;
    }
}
