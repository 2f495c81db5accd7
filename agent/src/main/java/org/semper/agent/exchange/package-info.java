/**
 * The deals' state machines: purchase (offer, order, {@code semper-px/1} with a payment), contract signing
 * ({@code semper-cs/1}) and certified mail ({@code semper-cm/1}), end to end with automatic recovery with the right
 * TTP, every step kept in the deal archive.
 */
package org.semper.agent.exchange;
