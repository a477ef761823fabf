package dev.quarry.safety;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** E-mail addresses: a local part, {@code @}, and a domain whose last label is alphabetic and not a file extension. */
final class EmailDetector implements Detector {

    private static final Pattern ADDRESS = Pattern.compile(
            "(?<![\\w.%+-])[A-Za-z0-9](?:[A-Za-z0-9._%+-]{0,62}[A-Za-z0-9_%+-])?"
                    + "@((?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+([A-Za-z]{2,24}))(?![\\w-]|\\.[A-Za-z0-9])");
    /** {@code icon@2x.png}: retina image names look like addresses. */
    private static final Set<String> FILE_ENDINGS = Set.of("png", "jpg", "jpeg", "gif", "svg", "webp", "ico", "css", "js");

    @Override
    public void find(String text, List<Finding> out) {
        if (text.indexOf('@') < 0) return;
        Matcher m = ADDRESS.matcher(text);
        while (m.find()) {
            if (m.group(1).contains("..") || FILE_ENDINGS.contains(m.group(2).toLowerCase(Locale.ROOT))) continue;
            out.add(new Finding(FindingType.EMAIL, m.start(), m.end()));
        }
    }
}
