package dev.quarry.ingest.parse;

import dev.quarry.text.ParsedDocument;
import java.nio.file.Path;

/** Extracts text and structure from one file format. */
public interface Parser {

    /** The document type recorded in the index ({@code markdown}, {@code text}, {@code html}, ...). */
    String type();

    ParsedDocument parse(Path file, byte[] content);
}
