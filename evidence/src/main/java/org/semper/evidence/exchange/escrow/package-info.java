/** Key escrow to a TTP (HPKE, RFC 9180) and AES-256-GCM content encryption for {@code semper-px/1} and {@code semper-cm/1}. */
package org.semper.evidence.exchange.escrow;
