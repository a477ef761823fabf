package dev.quarry.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;

/**
 * Writes PDF and DOCX documents with PDFBox and POI: the sample corpus's PDF and DOCX files (run
 * {@code scripts/make-sample-documents}) and documents for parser tests. A page or section is a title and paragraphs.
 */
public final class SampleDocuments {

    public record Part(String heading, List<String> paragraphs) {
    }

    private SampleDocuments() {
    }

    /** A PDF with one page per part; with a password, an encrypted one. */
    public static byte[] pdf(String title, List<Part> pages, String password) throws IOException {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            doc.getDocumentInformation().setTitle(title);
            PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
            for (Part part : pages) {
                PDPage page = new PDPage(PDRectangle.A4);
                doc.addPage(page);
                try (PDPageContentStream text = new PDPageContentStream(doc, page)) {
                    text.beginText();
                    text.newLineAtOffset(60, 780);
                    text.setFont(bold, 15);
                    text.showText(part.heading());
                    text.setFont(regular, 11);
                    text.setLeading(15);
                    text.newLine();
                    for (String paragraph : part.paragraphs()) {
                        text.newLine();
                        for (String line : wrap(paragraph, 90)) {
                            text.showText(line);
                            text.newLine();
                        }
                    }
                    text.endText();
                }
            }
            if (password != null) {
                StandardProtectionPolicy policy = new StandardProtectionPolicy(password, password, new AccessPermission());
                policy.setEncryptionKeyLength(128);
                doc.protect(policy);
            }
            doc.save(out);
            return out.toByteArray();
        }
    }

    /** A DOCX with a Title paragraph and a Heading 1 per part. */
    public static byte[] docx(String title, List<Part> sections) throws IOException {
        try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            doc.getProperties().getCoreProperties().setTitle(title);
            paragraph(doc, "Title", title);
            for (Part part : sections) {
                paragraph(doc, "Heading1", part.heading());
                for (String p : part.paragraphs()) paragraph(doc, null, p);
            }
            doc.write(out);
            return out.toByteArray();
        }
    }

    private static void paragraph(XWPFDocument doc, String style, String text) {
        XWPFParagraph p = doc.createParagraph();
        if (style != null) p.setStyle(style);
        p.createRun().setText(text);
    }

    private static List<String> wrap(String paragraph, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : paragraph.split(" ")) {
            if (line.length() + word.length() + 1 > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (!line.isEmpty()) line.append(' ');
            line.append(word);
        }
        if (!line.isEmpty()) lines.add(line.toString());
        return lines;
    }

    /** Writes the sample corpus's PDF and DOCX documents into the folder given. */
    public static void main(String[] args) throws IOException {
        Path corpus = Path.of(args.length > 0 ? args[0] : "sample-corpus");
        write(corpus.resolve("astronomy/solar-eclipses.pdf"), pdf("Watching a Solar Eclipse Safely", List.of(
                new Part("What happens in an eclipse", List.of(
                        "A solar eclipse happens when the Moon passes between the Sun and Earth and casts its shadow on"
                                + " our planet. Because the Moon is about 400 times smaller than the Sun but also about"
                                + " 400 times closer, the two discs look almost exactly the same size in the sky.",
                        "In a total eclipse the dark inner shadow, the umbra, sweeps a narrow path across Earth. Inside"
                                + " it the sky darkens in seconds, bright planets appear and the Sun's pearly outer"
                                + " atmosphere, the corona, becomes visible for up to about seven minutes.")),
                new Part("Protecting your eyes", List.of(
                        "Never look at the partially eclipsed Sun without proper protection. Sunglasses are not safe,"
                                + " even several pairs together. Use eclipse glasses that meet the ISO 12312-2"
                                + " standard, or project the Sun's image through a pinhole onto a sheet of card.",
                        "A telescope or binoculars must carry a certified solar filter over the front of the"
                                + " instrument. Only during the brief moment of totality, when the Sun is completely"
                                + " covered, is it safe to look with the naked eye."))), null));
        write(corpus.resolve("personal-finance/retirement-accounts.pdf"), pdf("Saving for Retirement", List.of(
                new Part("Start with the employer match", List.of(
                        "Many employers match pension contributions up to a percentage of salary. A match is an"
                                + " instant, guaranteed return on your money, so contribute at least enough to receive"
                                + " all of it before investing anywhere else.",
                        "Tax relief makes pension saving more powerful still: contributions are usually made from"
                                + " income before tax, so each unit saved costs less than a unit of take-home pay.")),
                new Part("How much is enough", List.of(
                        "A common rule of thumb is to save around 15 percent of income over a working life,"
                                + " including employer contributions. Starting later means saving a larger share.",
                        "Low-cost, diversified funds suit most retirement savers. As retirement approaches, shifting"
                                + " gradually from shares towards bonds reduces the risk that a market crash arrives"
                                + " just before you need the money."))), null));
        write(corpus.resolve("cycling/winter-riding.docx"), docx("Riding Through the Winter", List.of(
                new Part("Clothing in layers", List.of(
                        "Dress in layers you can open or remove: a wicking base layer, an insulating mid layer and a"
                                + " windproof, water-resistant shell. Hands and feet suffer first, so invest in warm"
                                + " gloves and overshoes.")),
                new Part("Bike preparation", List.of(
                        "Fit full mudguards and bright lights, since winter days are short. Wider tyres at slightly"
                                + " lower pressure grip better on wet, cold roads. Clean the drivetrain after salty"
                                + " rides, because road salt corrodes chains and bolts quickly.",
                        "Watch for black ice on shaded corners and bridges early in the morning, and brake gently"
                                + " and in a straight line.")))));
        write(corpus.resolve("gardening/saving-seeds.docx"), docx("Saving Your Own Seeds", List.of(
                new Part("Choose the right plants", List.of(
                        "Save seed only from open-pollinated or heirloom varieties. Seeds from F1 hybrids do not grow"
                                + " true to type: their offspring are a mixture of the parents' traits.",
                        "Beans, peas, lettuce and tomatoes are the easiest crops to start with, because their flowers"
                                + " usually pollinate themselves before they open.")),
                new Part("Harvesting and storing", List.of(
                        "Let bean and pea pods dry on the plant until they rattle. Scoop tomato seeds with their gel"
                                + " into a jar of water and let them ferment for a few days, which removes the coating"
                                + " that prevents germination, then rinse and dry them on a plate.",
                        "Store dry seeds in labelled paper envelopes inside an airtight jar in a cool, dark place."
                                + " Most vegetable seeds stay viable for three to five years.")))));
    }

    private static void write(Path file, byte[] content) throws IOException {
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(content);
        }
        System.out.println("wrote " + file + " (" + content.length + " bytes)");
    }
}
