/** The business documents before a purchase: the merchant's offer and the buyer's order ({@code semper-trade/1}). */
package org.semper.agent.trade;
