/**
 * Payments behind one interface ({@link org.semper.agent.payment.PaymentMethod}: authorise, accept, capture,
 * refund, describe) and the cheque-like adapter ({@link org.semper.agent.payment.ChequePayments}).
 */
package org.semper.agent.payment;
