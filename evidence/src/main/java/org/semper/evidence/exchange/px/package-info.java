/** Party side of {@code semper-px/1} payment for digital goods: px1..px4 and their checks. */
package org.semper.evidence.exchange.px;
