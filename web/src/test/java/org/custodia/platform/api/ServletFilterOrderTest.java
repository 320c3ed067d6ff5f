package org.custodia.platform.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import jakarta.servlet.Filter;
import jakarta.servlet.annotation.WebFilter;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * The servlet filters run in the order of web.xml's filter-mapping elements (@WebFilter has no order):
 * the request id first (everything after logs with it), the transaction guard around all the rest, the
 * security headers before anything can answer, the body limit last.
 */
class ServletFilterOrderTest {

    private static final Path WEB_XML = Path.of("src/main/webapp/WEB-INF/web.xml");

    @Test
    void theFiltersAreMappedInTheirOrder() throws Exception {
        assertThat(mappedFilters()).containsExactly("RequestIdFilter", "DanglingTransactionFilter", "SecurityHeadersFilter",
                "AccessLogFilter", "RequestBodyLimitFilter");
    }

    @Test
    void everyServletFilterOfTheModuleIsDeclaredInWebXmlAndNoneByAnnotation() throws Exception {
        Document xml = webXml();
        List<String> declared = new ArrayList<>();
        NodeList classes = xml.getElementsByTagName("filter-class");
        for (int i = 0; i < classes.getLength(); i++) {
            declared.add(classes.item(i).getTextContent().trim());
        }
        Path compiled = Path.of(CustodiaApi.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> filters = new ArrayList<>();
        try (Stream<Path> files = Files.walk(compiled)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class") && !f.toString().contains("$")).toList()) {
                String name = compiled.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> c = Class.forName(name, false, getClass().getClassLoader());
                if (Filter.class.isAssignableFrom(c)) {
                    assertThat(c.isAnnotationPresent(WebFilter.class)).as("%s: declare it in web.xml, in its place", name).isFalse();
                    filters.add(name);
                }
            }
        }
        assertThat(declared).containsExactlyInAnyOrderElementsOf(filters);
    }

    private static List<String> mappedFilters() throws Exception {
        NodeList mappings = webXml().getElementsByTagName("filter-mapping");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < mappings.getLength(); i++) {
            var mapping = (org.w3c.dom.Element) mappings.item(i);
            names.add(mapping.getElementsByTagName("filter-name").item(0).getTextContent().trim());
            assertThat(mapping.getElementsByTagName("url-pattern").item(0).getTextContent().trim()).isEqualTo("/*");
        }
        return names;
    }

    private static Document webXml() throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(WEB_XML.toFile());
    }
}
