/**
 * The optimistic exchange protocols {@code semper-cs/1}, {@code semper-px/1} and {@code semper-cm/1}
 * ({@code docs/protocols.md}): common types, request envelopes, the TTP's request verification and token payloads,
 * and the checks shared by parties and judges. Sub-packages: {@code escrow} (HPKE key escrow, content encryption),
 * {@code cs}, {@code px}, {@code cm} (party side of each protocol), {@code judge} (judge rules).
 */
package org.semper.evidence.exchange;
