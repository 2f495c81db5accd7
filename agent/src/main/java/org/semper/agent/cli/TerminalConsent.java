package org.semper.agent.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;

import org.semper.agent.consent.PartyNames;
import org.semper.agent.consent.SignatureRendering;
import org.semper.agent.consent.SigningConsent;
import org.semper.agent.consent.SigningRequest;

/**
 * What you see is what you sign, on the terminal: before every signature the rendering of exactly what is signed
 * is printed, and the user is asked to confirm ({@code y}); anything else, or the end of the input, declines.
 * With {@code --yes} the rendering is printed and the signature made.
 */
final class TerminalConsent implements SigningConsent {
    private final PrintWriter out;
    private final BufferedReader in;
    private final boolean yes;
    private volatile PartyNames names = PartyNames.none();

    TerminalConsent(PrintWriter out, BufferedReader in, boolean yes) {
        this.out = out;
        this.in = in;
        this.yes = yes;
    }

    void names(PartyNames partyNames) {
        this.names = partyNames;
    }

    @Override
    public synchronized boolean approve(SigningRequest request) {
        out.println();
        SignatureRendering.lines(request, names).forEach(out::println);
        if (yes) {
            out.println("  -> signing (--yes)");
            out.flush();
            return true;
        }
        out.print("Sign this? [y/N] ");
        out.flush();
        try {
            String answer = in.readLine();
            boolean approved = answer != null && answer.strip().toLowerCase(Locale.ROOT).startsWith("y");
            if (answer == null) {
                out.println();
                out.println("  (no input: not signed; use --yes to sign without asking)");
            }
            out.flush();
            return approved;
        } catch (IOException e) {
            return false;
        }
    }
}
