/** Judge rules of the three exchange protocols ({@code docs/protocols.md} §8): deterministic judgments with reasons. */
package org.semper.evidence.exchange.judge;
