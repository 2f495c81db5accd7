package org.semper.arbiter.api;

import org.semper.evidence.statement.SignedStatement;

/** Lets tests of other packages wait for a time-stamped transcript as the lifecycle test does. */
public final class DisputeLifecycleTestAccess {
    private DisputeLifecycleTestAccess() {
    }

    public static SignedStatement timeStamped(String id) throws Exception {
        return DisputeLifecycleTest.awaitTimeStamped(id);
    }
}
