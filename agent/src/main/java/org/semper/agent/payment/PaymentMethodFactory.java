package org.semper.agent.payment;

import java.nio.file.Path;
import java.util.function.Supplier;

import org.semper.evidence.exchange.StatementTrust;
import org.semper.evidence.statement.StatementSigner;

/**
 * How the agent makes its payment method: with the party's (consent-gated) signer, the validation it uses for
 * what it receives, and a directory of its own under the agent's home. {@code ChequePayments::new} is the default;
 * a second method plugs in through {@code Agent.Options.withPayments}.
 */
@FunctionalInterface
public interface PaymentMethodFactory {
    PaymentMethod create(StatementSigner signer, Supplier<StatementTrust> trust, Path directory);
}
