package org.semper.agent.payment;

/**
 * One way of paying, behind which the purchase protocol does not care how money moves. {@code semper-px/1} carries
 * the payer's signed authorisation ({@code px2}: amount, currency, payee, bound to the exchange); the payment
 * method supplies the instrument that goes with it and the steps after it:
 * <ol>
 * <li>{@link #authorise} (payer, before px2): the instrument for the request, bound to the exchange id;</li>
 * <li>{@link #accept} (payee, on px2): the instrument pays what px1 asks, to the payee, for this exchange;</li>
 * <li>{@link #capture} (payee, once it has released the key or the notary's resolve token names the payment);</li>
 * <li>{@link #refund} (payee, e.g. after a verdict that the goods were not as described);</li>
 * <li>{@link #describe} (either side): the instrument in words; {@link #restore} reads one back from the archive.</li>
 * </ol>
 * Every signature an implementation makes goes through the party's consent gate. See {@code agent/README.md} for
 * how a second method plugs in.
 */
public interface PaymentMethod {
    /** The scheme's name as written in envelopes and deals, e.g. {@code cheque}. */
    String scheme();

    PaymentInstrument authorise(PaymentRequest request) throws PaymentException;

    PaymentInstrument accept(byte[] instrument, PaymentRequest expected) throws PaymentException;

    /** @param grounds why the payee is entitled now, e.g. "px3 sent" or "resolve token &lt;id&gt;" */
    PaymentRecord capture(PaymentInstrument instrument, String grounds) throws PaymentException;

    PaymentRecord refund(PaymentInstrument instrument, String reason) throws PaymentException;

    String describe(PaymentInstrument instrument);

    /** An instrument accepted earlier, as kept in the deal archive (not checked again). */
    PaymentInstrument restore(byte[] instrument) throws PaymentException;
}
