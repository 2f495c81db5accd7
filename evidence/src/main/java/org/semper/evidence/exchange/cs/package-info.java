/** Party side of {@code semper-cs/1} contract signing: me1..me4 and their checks. */
package org.semper.evidence.exchange.cs;
