package dev.quarry.safety;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class UpstreamFilterTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void names_the_filtered_categories_and_custom_blocklists_of_either_shape() throws Exception {
        assertThat(UpstreamFilter.categories(JSON.readTree("""
                {"hate": {"filtered": false, "severity": "safe"}, "violence": {"filtered": true, "severity": "medium"},
                 "jailbreak": {"filtered": true, "detected": true},
                 "custom_blocklists": [{"id": "brands", "filtered": true}, {"id": "other", "filtered": false}]}
                """))).containsExactly("violence", "jailbreak", "custom_blocklists:brands");
        assertThat(UpstreamFilter.categories(JSON.readTree("""
                {"custom_blocklists": {"filtered": true, "details": [{"id": "brands", "filtered": true}]}}
                """))).containsExactly("custom_blocklists:brands");
    }

    @Test
    void reads_the_inner_error_of_a_filtered_prompt_with_or_without_its_wrapper() throws Exception {
        String inner = """
                {"code": "content_filter", "innererror": {"code": "ResponsibleAIPolicyViolation",
                 "content_filter_result": {"sexual": {"filtered": true, "severity": "high"}}}}""";
        assertThat(UpstreamFilter.errorCategories(JSON.readTree(inner))).containsExactly("sexual");
        assertThat(UpstreamFilter.errorCategories(JSON.readTree("{\"error\": " + inner + "}"))).containsExactly("sexual");
    }
}
