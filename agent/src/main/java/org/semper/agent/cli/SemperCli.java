package org.semper.agent.cli;

import java.io.PrintWriter;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code semper} command. The commands only parse options and print results; the work is done by the evidence
 * library and by {@code org.semper.agent.verify} and {@code org.semper.agent.monitor}.
 */
@Command(name = "semper", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Semper's command-line tool: the buyer's and merchant's agent (offer, order, pay, deliver, "
                + "sign-contract, send-mail, dispute; deals and their evidence), and offline checks of TTP evidence "
                + "and transparency logs.", ""},
        subcommands = {InitCommand.class, EnrollCommand.class, WhoamiCommand.class, ContactCommand.class,
            ListenCommand.class, OfferCommand.class, OrderCommand.class, PayCommand.class, DeliverCommand.class,
            SignContractCommand.class, SendMailCommand.class, ReceiveMailCommand.class, DisputeCommand.class,
            DealsCommand.class, DealCommand.class, DemoCommand.class, VerifyCommand.class, MonitorCommand.class},
        footer = {"", "Run 'semper COMMAND --help' for a command's options."},
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {
            "0:done: the exchange took place / verified / every checkpoint consistent",
            "1:the exchange did not take place (aborted, void, declined) / verification failed / the log is "
                    + "inconsistent",
            "2:usage or input error (wrong option, missing or malformed file, no such deal)",
            "3:could not reach a TTP, peer or log (a stalled deal goes on with 'semper deal recover')",
            "4:internal error (a bug: please report it)"})
public final class SemperCli implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "say what to do (see --help)");
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with Semper's exit codes and error reporting; tests set its out and err. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new SemperCli());
        commandLine.setParameterExceptionHandler(SemperCli::usageError);
        commandLine.setExecutionExceptionHandler((e, command, parseResult) -> {
            PrintWriter err = command.getErr();
            err.println("semper: internal error: " + e);
            e.printStackTrace(err);
            err.println("This is a bug in semper; please report it with the output above.");
            err.flush();
            return ExitCodes.INTERNAL;
        });
        return commandLine;
    }

    private static int usageError(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        err.println(command.getCommandSpec().qualifiedName() + ": " + e.getMessage());
        UnmatchedArgumentException.printSuggestions(e, err);
        err.println("Run '" + command.getCommandSpec().qualifiedName() + " --help' for the options.");
        err.flush();
        return ExitCodes.USAGE;
    }
}
