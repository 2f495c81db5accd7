package org.semper.runtime.log;

/** The log's database could not be read or written. */
public class LogStorageException extends RuntimeException {

    public LogStorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
