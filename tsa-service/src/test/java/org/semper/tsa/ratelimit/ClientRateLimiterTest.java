package org.semper.tsa.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClientRateLimiterTest {

    @Test
    void allowsTheBurstThenAsksToWaitPerClient() {
        ClientRateLimiter limiter = new ClientRateLimiter(1, 3);
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.tryAcquire("10.0.0.1")).isEmpty();
        }
        assertThat(limiter.tryAcquire("10.0.0.1")).hasValueSatisfying(wait -> assertThat(wait.toMillis()).isPositive());
        assertThat(limiter.tryAcquire("10.0.0.2")).as("other clients are not affected").isEmpty();
    }
}
