package dev.quarry.safety;

import java.net.Inet6Address;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * IPv4 addresses in dotted quads (not when a version or section word comes right before, as in "version 1.2.0.4" or an enzyme's "EC 1.14.16.2"),
 * and IPv6 addresses, which the JDK parses to confirm (times and MAC addresses have colons too).
 */
final class IpDetector implements Detector {

    private static final String OCTET = "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
    private static final Pattern V4 = Pattern.compile("(?<![\\w.-])" + OCTET + "(?:\\." + OCTET + "){3}(?:/\\d{1,2})?(?![\\w-]|\\.\\d)");
    private static final Pattern NUMBERING_BEFORE = Pattern.compile(
            "(?i)\\b(?:v|version|ver\\.?|release|build|rev\\.?|driver|firmware|section|chapter|clause|step|EC|§)\\s*$");
    private static final Pattern V6 = Pattern.compile(
            "(?<![\\w:.])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:[0-9A-Fa-f]{1,4}|" + OCTET + "(?:\\." + OCTET + "){3})?(?![\\w:.]|\\.\\d)");

    @Override
    public void find(String text, List<Finding> out) {
        Matcher m = V4.matcher(text);
        while (m.find()) {
            int before = Math.max(0, m.start() - 12);
            if (NUMBERING_BEFORE.matcher(text.substring(before, m.start())).find()) continue;
            out.add(new Finding(FindingType.IP, m.start(), m.end()));
        }
        if (text.indexOf(':') < 0) return;
        Matcher six = V6.matcher(text);
        while (six.find()) {
            if (isV6(six.group())) out.add(new Finding(FindingType.IP, six.start(), six.end()));
        }
    }

    private static boolean isV6(String candidate) {
        // "::" alone and short runs such as "a::" are more often code than addresses.
        if (candidate.replace(":", "").length() < 4) return false;
        try {
            Inet6Address.ofLiteral(candidate);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
