package dev.quarry.index.lucene;

import dev.quarry.index.ChunkIndex;
import dev.quarry.index.ChunkIndexContract;
import dev.quarry.index.IndexManifest;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class LuceneChunkIndexContractTest extends ChunkIndexContract {

    @TempDir
    Path dir;

    @Override
    protected ChunkIndex open(IndexManifest manifest) {
        return LuceneChunkIndex.open(dir, manifest);
    }
}
