package org.semper.agent.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "verify", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Verifies evidence offline: a time-stamp token, a signed statement, a transparency-log proof, or an "
                + "arbiter's transcript.",
        subcommands = {VerifyTokenCommand.class, VerifyStatementCommand.class, VerifyProofCommand.class,
            VerifyTranscriptCommand.class},
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {
            "0:verified", "1:verification failed", "2:usage or input error", "4:internal error"})
final class VerifyCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "say what to verify: token, statement, proof or transcript");
    }
}
