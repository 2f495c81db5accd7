/** Clients of the TTPs a party calls only when an exchange fails: abort, resolve, status (notary, certified mail). */
package org.semper.agent.ttp;
