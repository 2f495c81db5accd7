package org.semper.runtime.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.semper.evidence.exchange.ExchangeReason;
import org.semper.evidence.exchange.ExchangeRejection;

class ExchangeProblemTest {

    @Test
    void everyReasonOfTheLibraryHasAProblemWithItsStableCode() {
        for (ExchangeReason reason : ExchangeReason.values()) {
            assertThat(ExchangeProblem.of(reason)).as(reason.name()).isInstanceOf(ExchangeProblem.class);
            assertThat(ExchangeProblem.of(reason).code()).isEqualTo(reason.code());
            assertThat(ExchangeProblem.of(reason).title()).isEqualTo(reason.title());
        }
    }

    @Test
    void statusesSayWhetherToFixTheRequestOrRetry() {
        assertThat(ExchangeProblem.MALFORMED.status()).isEqualTo(400);
        assertThat(ExchangeProblem.ABORT_BY_RESPONDER.status()).isEqualTo(403);
        assertThat(ExchangeProblem.NOT_BOUND.status()).isEqualTo(422);
        assertThat(ExchangeProblem.REVOCATION_UNKNOWN.status()).isEqualTo(503);
        var problem = ExchangeProblem.toProblem(new ExchangeRejection(ExchangeReason.WRONG_TTP, "names another TTP"))
                .toProblem();
        assertThat(problem.code()).isEqualTo("wrong-ttp");
        assertThat(problem.status()).isEqualTo(422);
        assertThat(problem.detail()).contains("names another TTP");
        assertThat(problem.type().toString()).isEqualTo("urn:semper:problem:wrong-ttp");
    }
}
