package dev.quarry.safety;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class DetectorsTest {

    private final Detectors detectors = new Detectors("US");

    private List<String> found(String text) {
        return detectors.scan(text).stream().map(f -> f.type().label() + ":" + text.substring(f.start(), f.end())).toList();
    }

    @Test
    void finds_each_value_at_its_exact_offsets() {
        String text = "Mail maria.okafor@example.com, call +1 415-555-0198.";
        List<Finding> findings = detectors.scan(text);
        assertThat(findings).containsExactly(new Finding(FindingType.EMAIL, 5, 29), new Finding(FindingType.PHONE, 36, 51));
    }

    @Test
    void card_numbers_need_a_valid_luhn_digit_and_an_issued_prefix() {
        assertThat(found("card 4111 1111 1111 1111 ok")).containsExactly("card:4111 1111 1111 1111");
        assertThat(found("card 4111 1111 1111 1112 ok")).isEmpty();
        assertThat(found("ref 9111 1111 1111 1119 ok")).isEmpty();
    }

    @Test
    void ibans_need_their_country_length_and_mod_97() {
        assertThat(found("IBAN GB82 WEST 1234 5698 7654 32, BIC WESTGB2L")).containsExactly("iban:GB82 WEST 1234 5698 7654 32");
        assertThat(found("IBAN GB83 WEST 1234 5698 7654 32")).isEmpty();
    }

    @Test
    void ssn_format_rules_refuse_numbers_never_issued() {
        assertThat(found("SSN 123-45-6789")).containsExactly("ssn:123-45-6789");
        assertThat(found("SSN 666-45-6789 or 000-12-3456 or 912-34-5678")).isEmpty();
    }

    @Test
    void national_ids_need_their_check_digit_and_bare_digits_their_name() {
        assertThat(found("DNI 12345678Z, NIE X1234567L")).containsExactly("national_id:12345678Z", "national_id:X1234567L");
        assertThat(found("DNI 12345678A")).isEmpty();
        assertThat(found("order 12345678-Z")).as("written apart, only after its name").isEmpty();
        assertThat(found("C.F. RSSMRA85T10A562S")).containsExactly("national_id:RSSMRA85T10A562S");
        assertThat(found("C.F. RSSMRA85T10A562T")).isEmpty();
        assertThat(found("Numéro 1 84 12 76 451 089 46")).containsExactly("national_id:1 84 12 76 451 089 46");
        assertThat(found("SIN 130 692 544")).containsExactly("national_id:130 692 544");
        assertThat(found("ticket 130 692 544")).isEmpty();
        assertThat(found("BSN 111222333")).containsExactly("national_id:111222333");
        assertThat(found("BSN 111222334")).isEmpty();
        assertThat(found("Steuer-ID 86095742719")).containsExactly("national_id:86095742719");
        assertThat(found("Kundennummer 86095742719")).isEmpty();
        assertThat(found("Aadhaar 2345 6789 0124")).containsExactly("national_id:2345 6789 0124");
        assertThat(found("Aadhaar 2345 6789 0125")).noneMatch(f -> f.startsWith("national_id"));
    }

    @Test
    void version_strings_dates_and_identifiers_are_not_findings() {
        assertThat(found("Upgrade to version 2.1.0.4 on 2024-03-15; invoice INV-2024-191532; OID 1.3.6.1.4.1.4242")).isEmpty();
        assertThat(found("Order 2025550143 shipped; MAC 00:1A:2B:3C:4D:5E at 12:30:45")).isEmpty();
    }

    @Test
    void secrets_are_found_after_credential_names_only_when_random_looking() {
        assertThat(found("api_key=Zx81kQ0pLw7RtY2mVb5N")).containsExactly("secret:Zx81kQ0pLw7RtY2mVb5N");
        assertThat(found("api_key=YOUR_API_KEY password=${DB_PASSWORD} cache_key=user42abcXYZ9876")).isEmpty();
        assertThat(found("id AKIAIOSFODNN7EXAMPLE here")).containsExactly("aws_key:AKIAIOSFODNN7EXAMPLE");
    }

    @Test
    void the_longer_of_two_overlapping_findings_is_kept() {
        // A card number's digit groups also read as a phone number.
        assertThat(found("pay with 5555 5555 5555 4444 now")).containsExactly("card:5555 5555 5555 4444");
    }

    @Test
    void an_unknown_phone_region_is_refused_with_its_name() {
        assertThatThrownBy(() -> new Detectors("XX")).hasMessageContaining("'XX'");
    }
}
