/**
 * Transparency-log monitoring: {@link org.semper.agent.monitor.LogClient} reads a TTP's {@code /log} endpoints,
 * {@link org.semper.agent.monitor.LogMonitor} verifies each signed checkpoint and its consistency with the previous
 * one, {@link org.semper.agent.monitor.MonitorLoop} polls with retries and stops cleanly, and
 * {@link org.semper.agent.monitor.MonitorState} keeps the pinned key, the checkpoints and the evidence of any
 * inconsistency.
 */
package org.semper.agent.monitor;
