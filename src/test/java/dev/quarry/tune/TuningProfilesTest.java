package dev.quarry.tune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarry.search.FusionSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TuningProfilesTest {

    @TempDir
    Path dir;

    static TuningReport report(double untuned, double tuned) {
        QueryAdapter adapter = new QueryAdapter(4, 1, new float[] {0.5f, 0, 0, 0}, new float[] {0, 1, 0, 0});
        return new TuningReport(60, 70, 2, 5, new HeldOut(0.5, 0.8), new HeldOut(0.55, 0.82), new HeldOut(untuned, 0.85),
                new HeldOut(tuned, 0.86), adapter, new FusionSettings(FusionSettings.Method.WEIGHTED, 60, 0.7), 1234);
    }

    @Test
    void profilesAreVersionedAndReadBackAsWritten() {
        TuningProfiles profiles = new TuningProfiles(dir);
        TuningProfile first = profiles.save(report(0.6, 0.63), "model-a", Instant.parse("2026-11-30T10:00:00Z"));
        TuningProfile second = new TuningProfiles(dir).save(report(0.6, 0.59), "model-a", Instant.parse("2026-11-30T11:00:00Z"));

        assertThat(first.version()).isEqualTo(1);
        assertThat(second.version()).isEqualTo(2);
        assertThat(new TuningProfiles(dir).list()).containsExactly(first, second);
        assertThat(profiles.active()).isEmpty();
    }

    @Test
    void activatingAndRollingBackIsOneCallEach() {
        TuningProfiles profiles = new TuningProfiles(dir);
        profiles.save(report(0.6, 0.63), "model-a", Instant.now());
        profiles.save(report(0.6, 0.64), "model-a", Instant.now());

        profiles.activate(2);
        assertThat(profiles.active()).map(TuningProfile::version).contains(2);
        profiles.activate(1);
        assertThat(profiles.active()).map(TuningProfile::version).contains(1);
        profiles.activate(null);
        assertThat(profiles.active()).isEmpty();
        assertThatThrownBy(() -> profiles.activate(9)).hasMessageContaining("no tuning profile 9");
    }

    @Test
    void searchesPickUpAnActivationMadeByAnotherProcessAndIgnoreAnotherModelsProfile() throws Exception {
        TuningProfiles writer = new TuningProfiles(dir);
        writer.save(report(0.6, 0.63), "model-a", Instant.now());
        writer.save(report(0.6, 0.63), "model-b", Instant.now());
        ServedTuning active = new ServedTuning(new TuningProfiles(dir), "model-a");
        assertThat(active.active()).isNull();

        writer.activate(1);
        active.refresh();
        assertThat(active.active()).isNotNull();
        assertThat(active.active().fusion()).isEqualTo(new FusionSettings(FusionSettings.Method.WEIGHTED, 60, 0.7));
        assertThat(active.active().queryVectors().apply(new float[] {0, 1, 0, 0})).isNotEqualTo(new float[] {0, 1, 0, 0});

        writer.activate(2);
        active.refresh();
        assertThat(active.active()).isNull();
    }

    @Test
    void aProfileFileCanBeReadOnItsOwn() {
        TuningProfile saved = new TuningProfiles(dir).save(report(0.6, 0.63), "model-a", Instant.parse("2026-11-30T10:00:00Z"));
        assertThat(TuningProfiles.readFile(dir.resolve("tuning/profile-1.json"))).isEqualTo(saved);
    }

    @Test
    void aDamagedProfileSaysWhichFile() throws Exception {
        Files.createDirectories(dir.resolve("tuning"));
        Files.writeString(dir.resolve("tuning/profile-1.json"), "{\"version\": 1}");
        assertThatThrownBy(() -> new TuningProfiles(dir).list()).hasMessageContaining("profile-1.json");
    }
}
