/** Taking a deal to the dispute arbiter: signed claim and bundle, filing, and the transcript once decided. */
package org.semper.agent.dispute;
