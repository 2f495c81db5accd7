package org.semper.arbiter.transcript;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.semper.evidence.statement.MalformedStatementException;
import org.semper.evidence.statement.SignedStatement;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.qute.Template;

/**
 * Human-readable renderings of a signed transcript: HTML from the Qute template {@code templates/transcript.html},
 * and a printable PDF (Apache PDFBox). Both show the verdict, the liability, the reasons with the items they rest on,
 * the procedural events and the evidence list, and carry the transcript's statement id {@code H(s)} so that a reader
 * can match them to the signed statement, which alone is authoritative.
 */
@ApplicationScoped
public class TranscriptRendering {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final float MARGIN = 50;
    private static final float LEADING = 13;

    @Inject
    Template transcript;

    /** The statement id and the payload as plain Java maps and lists. */
    public record View(String statementId, Map<String, Object> payload, boolean timeStamped) {
    }

    public static View view(byte[] transcriptJson) {
        try {
            SignedStatement statement = SignedStatement.parse(new String(transcriptJson, StandardCharsets.UTF_8),
                    Integer.MAX_VALUE);
            Map<String, Object> payload = JSON.readValue(statement.payloadBytes(), new TypeReference<>() {
            });
            return new View(statement.id(), payload, !statement.signatureTimeStamps().isEmpty());
        } catch (MalformedStatementException | IOException e) {
            throw new IllegalStateException("a stored transcript does not parse: " + e.getMessage(), e);
        }
    }

    public String html(byte[] transcriptJson) {
        View view = view(transcriptJson);
        return transcript.data("id", view.statementId()).data("t", view.payload()).data("stamped", view.timeStamped())
                .render();
    }

    public byte[] pdf(byte[] transcriptJson) {
        View view = view(transcriptJson);
        List<String[]> lines = lines(view);
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDDocumentInformation info = document.getDocumentInformation();
            info.setTitle("Semper arbitration transcript " + view.statementId());
            info.setSubject("verdict " + view.payload().get("verdict"));
            info.setKeywords("semper-transcript " + view.statementId());
            PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
            PDRectangle size = PDRectangle.A4;
            float width = size.getWidth() - 2 * MARGIN;
            PDPageContentStream stream = null;
            float y = 0;
            for (String[] line : lines) {
                PDType1Font font = line[0].equals("h") ? bold : regular;
                float fontSize = line[0].equals("h") ? 12 : 9;
                for (String piece : wrap(printable(line[1]), font, fontSize, width)) {
                    if (stream == null || y < MARGIN) {
                        if (stream != null) {
                            stream.close();
                        }
                        PDPage page = new PDPage(size);
                        document.addPage(page);
                        stream = new PDPageContentStream(document, page);
                        y = size.getHeight() - MARGIN;
                    }
                    stream.beginText();
                    stream.setFont(font, fontSize);
                    stream.newLineAtOffset(MARGIN, y);
                    stream.showText(piece);
                    stream.endText();
                    y -= line[0].equals("h") ? LEADING + 5 : LEADING;
                }
            }
            if (stream != null) {
                stream.close();
            }
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("cannot render the transcript as PDF: " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String[]> lines(View view) {
        Map<String, Object> t = view.payload();
        Map<String, Object> decision = (Map<String, Object>) t.get("decision");
        Map<String, Object> claim = (Map<String, Object>) t.get("claim");
        Map<String, Object> parties = (Map<String, Object>) t.get("parties");
        List<String[]> lines = new ArrayList<>();
        lines.add(new String[] {"h", "Semper arbitration transcript"});
        lines.add(new String[] {"p", "Statement id H(s): " + view.statementId()});
        lines.add(new String[] {"p", "Dispute " + t.get("dispute") + ", arbiter " + t.get("arbiter")});
        lines.add(new String[] {"p", "Signature time-stamp: " + (view.timeStamped() ? "yes (JAdES B-T)" : "not yet (B-B)")});
        lines.add(new String[] {"h", "Verdict: " + String.valueOf(t.get("verdict")).toUpperCase(java.util.Locale.ROOT)});
        lines.add(new String[] {"p", "Decided at " + decision.get("decidedAt") + " on case bundle "
                + ((Map<String, Object>) t.get("bundles")).get("case")});
        lines.add(new String[] {"h", "Claim"});
        lines.add(new String[] {"p", claim.get("type") + " for " + claim.get("amount") + " " + claim.get("currency")
                + (claim.containsKey("exchange") ? " about " + claim.get("protocol") + " exchange " + claim.get("exchange") : "")});
        lines.add(new String[] {"p", "Claimant: " + party(parties.get("claimant"))});
        lines.add(new String[] {"p", "Respondent: " + party(parties.get("respondent"))});
        Object liability = decision.get("liability");
        lines.add(new String[] {"h", "Liability"});
        if (liability instanceof Map<?, ?> l) {
            lines.add(new String[] {"p", l.get("role") + " " + l.get("party") + " owes " + l.get("amount") + " "
                    + l.get("currency") + "; covered " + l.get("coveredAmount")
                    + (l.get("cover") instanceof Map<?, ?> c ? " under the cover of certificate " + c.get("serial")
                            + " (" + c.get("value") + " " + c.get("currency") + ")" : " (no cover)")});
        } else {
            lines.add(new String[] {"p", "none"});
        }
        lines.add(new String[] {"h", "Reasons"});
        for (Map<String, Object> reason : (List<Map<String, Object>>) decision.get("reasons")) {
            lines.add(new String[] {"p", "[" + reason.get("code") + "] " + reason.get("text") + " -- items "
                    + reason.get("items")});
        }
        List<Map<String, Object>> missing = (List<Map<String, Object>>) decision.get("missing");
        if (!missing.isEmpty()) {
            lines.add(new String[] {"h", "Missing facts"});
            for (Map<String, Object> fact : missing) {
                lines.add(new String[] {"p", "[" + fact.get("code") + "] " + fact.get("text")});
            }
        }
        lines.add(new String[] {"h", "Procedural events"});
        for (Map<String, Object> event : (List<Map<String, Object>>) t.get("events")) {
            lines.add(new String[] {"p", event.get("seq") + ". " + event.get("at") + " " + event.get("kind") + ": "
                    + event.get("detail")});
        }
        lines.add(new String[] {"h", "Evidence"});
        for (Map<String, Object> item : (List<Map<String, Object>>) decision.get("items")) {
            lines.add(new String[] {"p", item.get("id") + " (" + item.get("role") + ", " + item.get("kind") + ") sha256 "
                    + item.get("sha256") + ": " + (item.containsKey("indication") ? item.get("indication")
                            + (item.containsKey("subIndication") ? "/" + item.get("subIndication") : "") + " " : "")
                    + item.get("message")});
        }
        return lines;
    }

    private static String party(Object party) {
        if (party instanceof Map<?, ?> p) {
            return p.get("subject") == null ? String.valueOf(p.get("certificate"))
                    : p.get("subject") + " (" + p.get("certificate") + ")";
        }
        return String.valueOf(party);
    }

    /** What the standard PDF fonts (WinAnsi) can show. */
    private static String printable(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            out.append(c >= 0x20 && c < 0x7f || c >= 0xa0 && c <= 0xff ? c : '?');
        }
        return out.toString();
    }

    private static List<String> wrap(String text, PDType1Font font, float size, float width) throws IOException {
        List<String> pieces = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            String candidate = line.length() == 0 ? word : line + " " + word;
            if (font.getStringWidth(candidate) / 1000 * size <= width) {
                line.setLength(0);
                line.append(candidate);
                continue;
            }
            if (line.length() > 0) {
                pieces.add(line.toString());
                line.setLength(0);
            }
            while (font.getStringWidth(word) / 1000 * size > width) {
                int cut = word.length() - 1;
                while (cut > 1 && font.getStringWidth(word.substring(0, cut)) / 1000 * size > width) {
                    cut--;
                }
                pieces.add(word.substring(0, cut));
                word = word.substring(cut);
            }
            line.append(word);
        }
        if (line.length() > 0) {
            pieces.add(line.toString());
        }
        return pieces;
    }
}
