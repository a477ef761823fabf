package dev.quarry.safety;

import java.util.List;

/** Finds values of one or a few {@link FindingType}s in a text, with exact offsets. */
interface Detector {

    void find(String text, List<Finding> out);
}
