package org.semper.agent.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar's manifest ({@code Implementation-Version}), or "development" when run from classes. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = SemperCli.class.getPackage().getImplementationVersion();
        return new String[] {"semper " + (version == null ? "(development build)" : version)
                + " (Java " + Runtime.version() + ")"};
    }
}
