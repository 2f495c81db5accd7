/** Which statements the agent accepts: trust anchors, validation at "now", revocation data fetched and kept. */
package org.semper.agent.trust;
