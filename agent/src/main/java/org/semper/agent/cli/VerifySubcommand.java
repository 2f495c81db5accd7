package org.semper.agent.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import org.semper.agent.verify.InvalidInputException;

import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What every {@code semper verify} command shares: {@code --json}, and input errors reported with what to do next
 * (exit 2), as text on stderr, and also as JSON on stdout with {@code --json} so that a script always gets JSON.
 */
abstract class VerifySubcommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print the result as JSON on stdout instead of a report.")
    boolean json;

    /** Runs the verification and prints its result; returns the exit code. */
    abstract int verify() throws InvalidInputException;

    @Override
    public final Integer call() {
        try {
            return verify();
        } catch (InvalidInputException e) {
            PrintWriter err = err();
            err.println(spec.qualifiedName() + ": " + e.getMessage());
            if (e.nextStep() != null) {
                err.println("  next: " + e.nextStep());
            }
            err.flush();
            if (json) {
                ObjectNode node = Render.JSON.createObjectNode();
                node.put("command", spec.qualifiedName());
                node.put("exitCode", ExitCodes.USAGE);
                node.put("error", e.getMessage());
                node.put("nextStep", e.nextStep());
                Render.printJson(out(), node);
            }
            return ExitCodes.USAGE;
        }
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** A JSON result object with the fields every command has. */
    ObjectNode result(int exitCode) {
        ObjectNode node = Render.JSON.createObjectNode();
        node.put("command", spec.qualifiedName());
        node.put("exitCode", exitCode);
        return node;
    }
}
