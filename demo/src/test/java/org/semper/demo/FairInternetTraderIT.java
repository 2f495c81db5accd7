package org.semper.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semper.agent.deal.DealStatus;
import org.semper.agent.demo.FairInternetTrader;
import org.semper.agent.demo.Narrator;

/**
 * {@code ./semper demo} as CI runs it: the services' packaged apps on the local profile (CA, TSA, notary), two
 * agents enrolled with the CA, and the Fair Internet Trader's steps with the real notary; every outcome on both
 * sides, what the protocol's judge finds on each side's archive, and every archived piece of evidence verifies.
 */
class FairInternetTraderIT {
    @TempDir
    Path data;

    @Test
    void theFairInternetTraderEndsAsItMustWithEveryPieceOfEvidenceVerifying() throws Exception {
        List<String> narration = new ArrayList<>();
        Narrator narrator = new Narrator() {
            @Override
            public void heading(String text) {
                narration.add("== " + text);
                System.out.println("== " + text);
            }

            @Override
            public void say(String text) {
                narration.add(text);
                System.out.println(text);
            }
        };
        Path root = Path.of(System.getProperty("semper.root", "..")).toAbsolutePath().normalize();
        long start = System.nanoTime();
        FairInternetTrader.Result result = FairInternetTrader.demonstrate(root, data, narrator, 2);
        System.out.printf("the scenario took %d s%n", (System.nanoTime() - start) / 1_000_000_000L);

        FairInternetTrader.StepResult honest = result.steps().get(0);
        assertThat(honest.buyer().status()).isEqualTo(DealStatus.COMPLETED);
        assertThat(honest.merchant().status()).isEqualTo(DealStatus.COMPLETED);
        assertThat(honest.buyerJudgment()).containsExactly("PAYMENT_DUE");
        assertThat(honest.merchantJudgment()).containsExactly("PAYMENT_DUE");
        assertThat(honest.merchant().outcome()).get().asString().contains("receipt received");

        FairInternetTrader.StepResult withheld = result.steps().get(1);
        assertThat(withheld.buyer().status()).isEqualTo(DealStatus.RESOLVED);
        assertThat(withheld.merchant().status()).isEqualTo(DealStatus.RESOLVED);
        assertThat(withheld.buyerJudgment()).containsExactly("PAYMENT_DUE");
        assertThat(withheld.merchantJudgment()).containsExactly("PAYMENT_DUE");

        for (FairInternetTrader.StepResult step : result.steps()) {
            assertThat(step.unverified()).as("step %d: every archived item verifies", step.step()).isEmpty();
        }
        assertThat(narration).anyMatch(line -> line.contains("what you see is what you sign"))
                .anyMatch(line -> line.contains("terms of sale: Alice COMPLETED, Bob COMPLETED; a judge finds "
                        + "[CONTRACT_BINDS]"));
    }
}
