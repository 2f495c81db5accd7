package org.semper.agent.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

import org.semper.agent.deal.Deal;
import org.semper.agent.deal.DealStatus;
import org.semper.agent.exchange.DealStoppedException;
import org.semper.agent.exchange.Deals;
import org.semper.agent.party.Agent;
import org.semper.agent.party.AgentException;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The agent commands' common run: open the agent in its home with terminal consent and progress, start its
 * endpoint (if it has one), run, and map the outcome to an exit code; errors print what to do next.
 */
abstract class AgentCommand implements Callable<Integer> {
    /** The deal ended without the exchange taking place (aborted, void, declined). */
    static final int NOT_DONE = ExitCodes.FAILED;

    @Spec
    CommandSpec spec;

    @Mixin
    AgentOptions options;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** Runs with the opened agent. */
    abstract int run(Agent agent, Deals deals) throws AgentException;

    /** Whether the command needs the agent's endpoint running while it works (it waits for the peer). */
    boolean listens() {
        return true;
    }

    @Override
    public Integer call() {
        TerminalConsent consent = new TerminalConsent(out(), new BufferedReader(new InputStreamReader(System.in,
                StandardCharsets.UTF_8)), options.yes);
        Agent.Options agentOptions = Agent.Options.of(consent, new TerminalProgress(out()));
        if (options.timeout != null) {
            agentOptions = agentOptions.withTimeout(options.timeout);
        }
        try (Agent agent = Agent.open(options.home(), agentOptions)) {
            consent.names(agent.names());
            if (listens()) {
                agent.startEndpoint();
            }
            Deals deals = new Deals(agent);
            deals.ingest();
            return run(agent, deals);
        } catch (DealStoppedException e) {
            report(e);
            return e.deal() != null && e.deal().status() == DealStatus.STALLED ? ExitCodes.UNREACHABLE : NOT_DONE;
        } catch (AgentException e) {
            report(e);
            return ExitCodes.USAGE;
        }
    }

    void report(AgentException e) {
        PrintWriter err = err();
        err.println(spec.qualifiedName() + ": " + e.getMessage());
        e.next().ifPresent(next -> err.println("next: " + next));
        err.flush();
    }

    /** The exit code for a deal that has run: 0 if the exchange took place (or goes on), 1 if it did not. */
    int outcome(Deal deal) {
        PrintWriter out = out();
        out.println();
        out.println("deal " + deal.id() + ": " + deal.status() + (deal.outcome().map(o -> " - " + o).orElse("")));
        out.flush();
        return switch (deal.status()) {
            case ABORTED, VOID, DECLINED -> NOT_DONE;
            case STALLED -> ExitCodes.UNREACHABLE;
            default -> ExitCodes.OK;
        };
    }
}
