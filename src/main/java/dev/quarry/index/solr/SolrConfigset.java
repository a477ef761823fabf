package dev.quarry.index.solr;

import dev.quarry.index.HnswSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Quarry's configset ({@code solr-configset/} in the resources) for one collection: the schema's vector field sized
 * to the model's dimensions with the configured graph settings, as a zip for Solr's configset upload.
 */
final class SolrConfigset {

    private static final List<String> FILES = List.of("solrconfig.xml", "schema.xml");

    private SolrConfigset() {
    }

    static byte[] zip(int dimensions, HnswSettings hnsw) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (String file : FILES) {
                zip.putNextEntry(new ZipEntry(file));
                zip.write(file(file).replace("@DIMENSIONS@", Integer.toString(dimensions))
                        .replace("@HNSW_M@", Integer.toString(hnsw.m()))
                        .replace("@HNSW_BEAM_WIDTH@", Integer.toString(hnsw.beamWidth()))
                        .getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static String file(String name) {
        try (InputStream in = SolrConfigset.class.getResourceAsStream("/solr-configset/" + name)) {
            if (in == null) throw new IllegalStateException("the configset file " + name + " is missing from Quarry's jar");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
