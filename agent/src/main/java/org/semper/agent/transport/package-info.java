/**
 * Peer-to-peer messages between agents: envelopes ({@code semper-envelope/1}) over HTTP (each agent can run a small
 * endpoint) or as files in an inbox directory.
 */
package org.semper.agent.transport;
