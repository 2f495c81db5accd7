package org.semper.agent.cli;

/** The exit codes of every {@code semper} command; scripts rely on them, so they never change meaning. */
public final class ExitCodes {
    /** Verified (verify), or every checkpoint seen consistent (monitor). */
    public static final int OK = 0;
    /** The evidence did not verify (verify), or the log is inconsistent or served an unverifiable checkpoint (monitor). */
    public static final int FAILED = 1;
    /** Usage or input error: a wrong option, a missing or unreadable file, a file that is not what was expected. */
    public static final int USAGE = 2;
    /** The log could not be reached (or gave no usable answer) after the retries. */
    public static final int UNREACHABLE = 3;
    /** A bug in semper: please report it with the output. */
    public static final int INTERNAL = 4;

    /** For the {@code --help} texts. */
    static final String[] LIST = {
        "0:verified / every checkpoint consistent",
        "1:verification failed / the log is inconsistent or its checkpoint did not verify",
        "2:usage or input error (wrong option, missing or malformed file)",
        "3:could not reach the log",
        "4:internal error (a bug: please report it)"};

    private ExitCodes() {
    }
}
