package org.custodia.platform.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * One configuration: every setting is in {@link Setting}, the README's table is exactly that list, and no code
 * reads a system property or environment variable on its own. Checked over the sources, so new code cannot miss it.
 */
class ConfigurationCatalogueTest {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final String BEGIN = "<!-- settings table: generated from org.custodia.platform.config.Setting by ConfigurationCatalogueTest -->";
    static final String END = "<!-- end of settings table -->";
    static final Pattern NAME = Pattern.compile("CUSTODIA_[A-Z][A-Z0-9_]*[A-Z0-9]");

    @Test
    void theReadmeTableIsTheCatalogue() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        int begin = readme.indexOf(BEGIN);
        int end = readme.indexOf(END);
        assertThat(begin).as("README.md has the settings table markers").isNotNegative();
        assertThat(end).isGreaterThan(begin);
        String table = readme.substring(begin + BEGIN.length(), end).strip();
        assertThat(table).as("README.md settings table; expected:%n%s%n", expectedTable()).isEqualTo(expectedTable());
    }

    @Test
    void everySettingNamedByCodeScriptsOrServerConfigurationIsInTheCatalogue() throws IOException {
        Set<String> known = Arrays.stream(Setting.values()).map(Setting::environmentName).collect(Collectors.toSet());
        Set<String> unknown = new TreeSet<>();
        for (Path file : sources()) {
            Matcher m = NAME.matcher(Files.readString(file));
            while (m.find()) {
                if (!known.contains(m.group())) {
                    unknown.add(m.group() + " in " + ROOT.relativize(file));
                }
            }
        }
        assertThat(unknown).as("settings missing from org.custodia.platform.config.Setting").isEmpty();
    }

    @Test
    void onlyTheCatalogueReadsSystemPropertiesOrTheEnvironment() throws IOException {
        Pattern read = Pattern.compile("System\\.(getProperty|getenv)|(Long\\.getLong|Integer\\.getInteger|Boolean\\.getBoolean)\\(");
        List<String> readers = new ArrayList<>();
        for (Path file : sources()) {
            String name = file.toString();
            if (!name.endsWith(".java") || name.contains("/platform/config/")) {
                continue;
            }
            if (read.matcher(Files.readString(file)).find()) {
                readers.add(ROOT.relativize(file).toString());
            }
        }
        assertThat(readers).as("main code reading settings outside org.custodia.platform.config").isEmpty();
    }

    static String expectedTable() {
        StringBuilder t = new StringBuilder("| variable | default | read by | meaning |\n|---|---|---|---|\n");
        for (Setting s : Setting.values()) {
            t.append("| `").append(s.environmentName()).append("` | ").append(s.shownDefault()).append(" | ")
                    .append(s.readBy().shown).append(" | ").append(s.meaning()).append(" |\n");
        }
        return t.toString().strip();
    }

    /** Main sources of every module, run.sh and the server configuration script. */
    static List<Path> sources() throws IOException {
        List<Path> files = new ArrayList<>();
        for (String module : List.of("ejb", "web", "reports", "bpmn")) {
            Path main = ROOT.resolve(module).resolve("src/main");
            if (Files.isDirectory(main)) {
                try (Stream<Path> walk = Files.walk(main)) {
                    walk.filter(Files::isRegularFile).filter(f -> f.toString().matches(".*\\.(java|xml|properties|cli|sh)$"))
                            .forEach(files::add);
                }
            }
        }
        try (Stream<Path> walk = Files.walk(ROOT.resolve("wildfly-config"))) {
            walk.filter(Files::isRegularFile).filter(f -> !f.toString().contains("/target/"))
                    .filter(f -> f.toString().matches(".*\\.(sh|cli|xml|properties)$")).forEach(files::add);
        }
        return files;
    }
}
