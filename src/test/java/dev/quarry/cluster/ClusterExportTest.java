package dev.quarry.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterExportTest {

    private static final ClusterReport REPORT = new ClusterReport("document", 1, "given", null, 42, List.of(
            new ClusterReport.Cluster(0, 2, "bread, starter", List.of("bread", "starter"), List.of("a.md"), 0.9, List.of(
                    new ClusterReport.Member("a.md", "a.md", "a.md", "Bread, \"sourdough\"", 0.95, 1.5f, -2f),
                    new ClusterReport.Member("b.md", "b.md", "b.md", "=SUM(A1)", 0.85, 0f, 0f)))));

    private static String write(ClusterExport format) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        format.write(REPORT, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void csv_has_one_quoted_row_per_member_and_defuses_formulas() throws Exception {
        String[] lines = write(ClusterExport.CSV).split("\r\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).isEqualTo("cluster,label,id,document,path,title,similarity,x,y");
        assertThat(lines[1]).isEqualTo("0,\"bread, starter\",a.md,a.md,a.md,\"Bread, \"\"sourdough\"\"\",0.9500,1.5000,-2.0000");
        assertThat(lines[2]).contains(",'=SUM(A1),");
    }

    @Test
    void jsonl_has_one_member_per_line_and_no_line_starts_with_a_space() throws Exception {
        String jsonl = write(ClusterExport.JSONL);
        assertThat(jsonl).endsWith("}\n");
        String[] lines = jsonl.split("\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).startsWith("{\"cluster\":0,\"label\":\"bread, starter\",\"id\":\"a.md\"");
        assertThat(lines[1]).as("no separator before a later line").startsWith("{\"cluster\":0,").endsWith("}");
        for (String line : lines) assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(line).get("id")).isNotNull();
    }

    @Test
    void json_is_the_whole_report_and_file_names_say_what_they_hold() throws Exception {
        assertThat(write(ClusterExport.JSON)).contains("\"kSelection\" : \"given\"", "\"representatives\"");
        assertThat(ClusterExport.CSV.fileName(REPORT)).isEqualTo("quarry-clusters-document-k1.csv");
    }
}
