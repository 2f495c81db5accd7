/** HTTP for the agent's clients (TTPs, CA, arbiter, other agents): bounded answers, problem+json. */
package org.semper.agent.net;
