package org.semper.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semper.agent.deal.DealStatus;
import org.semper.agent.demo.FairInternetTrader;
import org.semper.agent.demo.Narrator;
import org.semper.evidence.statement.SignedStatement;

/**
 * {@code ./semper demo} as CI runs it: the five services' packaged apps on the local profile, two agents enrolled
 * with the CA, and the four steps of the Fair Internet Trader with the real notary, certified-mail service and
 * arbiter. Checked: every outcome on both sides; what the protocol's judge finds on each side's archive; that every
 * archived piece of evidence verifies; the notice Bob received by certified mail; the arbiter's verdict, liability
 * and transcript (signed, and its HTML and PDF renderings).
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
        FairInternetTrader.Result result = FairInternetTrader.demonstrate(root, data, narrator, 4);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        System.out.printf("the Fair Internet Trader took %d s%n", took.toSeconds());

        FairInternetTrader.StepResult honest = result.steps().get(0);
        assertThat(honest.buyer().status()).isEqualTo(DealStatus.COMPLETED);
        assertThat(honest.merchant().status()).isEqualTo(DealStatus.COMPLETED);
        assertThat(honest.merchant().outcome()).get().asString().contains("receipt received");
        assertThat(honest.buyerJudgment()).containsExactly("PAYMENT_DUE");
        assertThat(honest.merchantJudgment()).containsExactly("PAYMENT_DUE");
        assertThat(narration).anyMatch(line -> line.contains("terms of sale: Alice COMPLETED, Bob COMPLETED; a judge "
                + "finds [CONTRACT_BINDS]")).anyMatch(line -> line.contains("what you see is what you sign"));

        FairInternetTrader.StepResult withheld = result.steps().get(1);
        assertThat(withheld.buyer().status()).isEqualTo(DealStatus.RESOLVED);
        assertThat(withheld.merchant().status()).isEqualTo(DealStatus.RESOLVED);
        assertThat(withheld.buyerJudgment()).containsExactly("PAYMENT_DUE");
        assertThat(withheld.merchantJudgment()).containsExactly("PAYMENT_DUE");

        FairInternetTrader.StepResult invoice = result.steps().get(2);
        assertThat(invoice.buyer().status()).isEqualTo(DealStatus.COMPLETED);
        assertThat(invoice.merchant().status()).isEqualTo(DealStatus.COMPLETED);
        assertThat(invoice.buyerJudgment()).containsExactlyInAnyOrder("RECEIPT_PROVEN", "ORIGIN_PROVEN");
        assertThat(invoice.merchantJudgment()).containsExactlyInAnyOrder("RECEIPT_PROVEN", "ORIGIN_PROVEN");

        FairInternetTrader.StepResult notAsDescribed = result.steps().get(3);
        assertThat(notAsDescribed.buyer().fact("problem")).contains("goods-not-as-described");
        assertThat(notAsDescribed.buyerJudgment()).containsExactly("REFUND_MERCHANT_LIABLE");
        assertThat(notAsDescribed.merchantJudgment()).containsExactly("REFUND_MERCHANT_LIABLE");

        for (FairInternetTrader.StepResult step : result.steps()) {
            assertThat(step.unverified()).as("step %d: every archived item verifies", step.step()).isEmpty();
        }

        FairInternetTrader.DisputeResult dispute = result.dispute().orElseThrow();
        assertThat(dispute.notice().status()).isEqualTo(DealStatus.COMPLETED);
        assertThat(dispute.notice().fact("title")).get().asString().contains("Notice of dispute " + dispute.dispute());
        assertThat(dispute.verdict()).startsWith("upheld: respondent CN=Bob Books").contains("liable for 19.99 EUR");
        SignedStatement transcript = SignedStatement.parse(Files.readString(dispute.json()));
        assertThat(transcript.type()).isEqualTo("semper-transcript+json");
        assertThat(transcript.payload().path("verdict").asText()).isEqualTo("upheld");
        assertThat(transcript.payload().path("dispute").asText()).isEqualTo(dispute.dispute());
        assertThat(transcript.payload().path("events").toString()).contains("notice-delivered", "response-filed",
                "decided");
        assertThat(Files.readString(dispute.html())).containsIgnoringCase("upheld").contains(transcript.id());
        assertThat(new String(Files.readAllBytes(dispute.pdf()), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        assertThat(result.unexpected()).as("what semper demo reports as unexpected").isEmpty();
        assertThat(took).as("the whole demonstration, services included").isLessThan(Duration.ofMinutes(5));
    }
}
