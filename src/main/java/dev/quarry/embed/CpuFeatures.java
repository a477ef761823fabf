package dev.quarry.embed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The vector instructions of this CPU that decide which kernels ONNX Runtime runs an int8 model with. Machines of one
 * family compute identically; AVX-512 VNNI and AVX2 machines differ slightly, which the quality regressions allow for.
 */
final class CpuFeatures {

    private CpuFeatures() {
    }

    /** One line for the start-up log, such as {@code amd64 with AVX2, FMA; int8 kernels: AVX2 without VNNI}. */
    static String describe() {
        Set<String> flags = linuxFlags();
        String arch = System.getProperty("os.arch");
        if (flags.isEmpty()) return arch + " (instruction set not readable on this system)";
        String have = Arrays.stream(new String[] {"avx2", "fma", "avx512f", "avx512_vnni", "avx_vnni", "amx_int8"})
                .filter(flags::contains).map(f -> f.toUpperCase(java.util.Locale.ROOT)).collect(Collectors.joining(", "));
        boolean vnni = flags.contains("avx512_vnni") || flags.contains("avx_vnni");
        return arch + " with " + (have.isEmpty() ? "no AVX" : have) + "; int8 kernels: "
                + (vnni ? "VNNI" : flags.contains("avx2") ? "AVX2 without VNNI" : "generic");
    }

    private static Set<String> linuxFlags() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("flags")).findFirst()
                    .map(l -> Set.of(l.substring(l.indexOf(':') + 1).trim().split("\\s+"))).orElse(Set.of());
        } catch (IOException | RuntimeException e) {
            return Set.of();
        }
    }
}
