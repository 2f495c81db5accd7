package org.semper.runtime.exchange;

/**
 * The decision store could not be read or written. When thrown by {@link ExchangeDecisions#settle}, nothing was
 * replied and the outcome is whatever the database holds: the caller answers "try again" (503), and the retry
 * returns the stored decision, if the commit did happen, or decides anew.
 */
public class DecisionStoreException extends RuntimeException {

    public DecisionStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
