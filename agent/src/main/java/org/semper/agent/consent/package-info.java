/**
 * What you see is what you sign: every signature of the party's key goes through a consent gate
 * ({@link org.semper.agent.consent.ConsentingSigners}) that shows the exact payload
 * ({@link org.semper.agent.consent.SignatureRendering}) and asks ({@link org.semper.agent.consent.SigningConsent}).
 */
package org.semper.agent.consent;
