package dev.quarry.cluster;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Writes a cluster report as JSON, CSV (one row per member) or JSONL (one member per line), streaming. */
public enum ClusterExport {
    JSON("application/json", "json"),
    CSV("text/csv; charset=utf-8", "csv"),
    JSONL("application/x-ndjson", "jsonl");


    private final String contentType;
    private final String extension;

    ClusterExport(String contentType, String extension) {
        this.contentType = contentType;
        this.extension = extension;
    }

    public String contentType() {
        return contentType;
    }

    public String fileName(ClusterReport report) {
        return "quarry-clusters-" + report.level() + "-k" + report.k() + "." + extension;
    }

    public void write(ClusterReport report, OutputStream out) throws IOException {
        switch (this) {
            case JSON -> Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(nonClosing(out), report);
            case JSONL -> writeJsonLines(report, out);
            case CSV -> writeCsv(report, out);
        }
        out.flush();
    }

    private static void writeJsonLines(ClusterReport report, OutputStream out) throws IOException {
        try (JsonGenerator json = Json.MAPPER.getFactory().createGenerator(nonClosing(out))) {
            // Jackson separates root values with a space, which would start every line after the first.
            json.setRootValueSeparator(null);
            for (ClusterReport.Cluster c : report.clusters()) {
                for (ClusterReport.Member m : c.members()) {
                    json.writeStartObject();
                    json.writeNumberField("cluster", c.id());
                    json.writeStringField("label", c.label());
                    json.writeStringField("id", m.id());
                    json.writeStringField("docId", m.docId());
                    json.writeStringField("path", m.path());
                    json.writeStringField("title", m.title());
                    json.writeNumberField("similarity", m.similarity());
                    json.writeNumberField("x", m.x());
                    json.writeNumberField("y", m.y());
                    json.writeEndObject();
                    json.writeRaw('\n');
                }
            }
        }
    }

    private static void writeCsv(ClusterReport report, OutputStream out) throws IOException {
        Writer w = new OutputStreamWriter(nonClosing(out), StandardCharsets.UTF_8);
        w.write("cluster,label,id,document,path,title,similarity,x,y\r\n");
        for (ClusterReport.Cluster c : report.clusters()) {
            for (ClusterReport.Member m : c.members()) {
                w.write(c.id() + "," + csv(c.label()) + "," + csv(m.id()) + "," + csv(m.docId()) + "," + csv(m.path()) + ","
                        + csv(m.title()) + "," + String.format(Locale.ROOT, "%.4f,%.4f,%.4f", m.similarity(), m.x(), m.y()) + "\r\n");
            }
        }
        w.flush();
    }

    /** RFC 4180 quoting; a leading formula character is neutralized so spreadsheets do not execute it. */
    static String csv(String value) {
        String v = value == null ? "" : value;
        if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0) v = "'" + v;
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            v = "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }

    private static OutputStream nonClosing(OutputStream out) {
        return new java.io.FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }

    /** Made at the first export, not when the command line reads an option of this type. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper().disable(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);
    }
}
