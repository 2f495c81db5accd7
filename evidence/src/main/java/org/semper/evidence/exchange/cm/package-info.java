/** Party side of {@code semper-cm/1} certified mail: EOO, EOR, EOK and their checks. */
package org.semper.evidence.exchange.cm;
