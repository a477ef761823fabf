package dev.quarry.safety;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;

/**
 * Runs every detector over a text and settles overlaps: where two findings share characters the longer one stays
 * (a card number's digits are not also a phone number), and on equal length the type listed first in
 * {@link FindingType}.
 */
public final class Detectors {

    private final List<Detector> detectors;

    /** {@code phoneRegion}: the region national phone numbers are read as from. */
    public Detectors(String phoneRegion) {
        this.detectors = List.of(new SecretDetector(), new EmailDetector(), new CardDetector(), new IbanDetector(),
                new SsnDetector(), new NationalIdDetector(), new PhoneDetector(phoneRegion), new IpDetector());
    }

    /** Whether {@code region} is a region code national phone numbers can be read as from. */
    public static boolean knowsRegion(String region) {
        return PhoneDetector.knowsRegion(region);
    }

    /** The findings in {@code text}, in order, none overlapping. */
    public List<Finding> scan(String text) {
        List<Finding> all = new ArrayList<>();
        for (Detector d : detectors) d.find(text, all);
        all.sort(Comparator.comparingInt(Finding::length).reversed().thenComparing(Finding::type).thenComparingInt(Finding::start));
        TreeMap<Integer, Finding> kept = new TreeMap<>();
        for (Finding f : all) {
            var before = kept.floorEntry(f.start());
            var after = kept.ceilingEntry(f.start());
            if ((before == null || !before.getValue().overlaps(f)) && (after == null || !after.getValue().overlaps(f))) {
                kept.put(f.start(), f);
            }
        }
        return List.copyOf(kept.values());
    }
}
