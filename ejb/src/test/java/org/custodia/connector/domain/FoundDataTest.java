package org.custodia.connector.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class FoundDataTest {

    @Test
    void rowsArePerCategoryAndAnEmptyCategoryIsKept() {
        FoundData found = new FoundData(10, 10_000);
        found.category("orders");
        found.category("profile");
        found.add("profile", Map.of("name", "Ada"));
        assertThat(found.byCategory()).containsEntry("orders", List.of()).containsEntry("profile", List.of(Map.of("name", "Ada")));
    }

    @Test
    void moreRowsThanTheLimitFailWithTheCategoryNamed() {
        FoundData found = new FoundData(2, 10_000);
        found.add("orders", Map.of("id", 1));
        found.add("orders", Map.of("id", 2));
        found.add("profile", Map.of("id", 3)); // the limit is per category
        assertThatThrownBy(() -> found.add("orders", Map.of("id", 4))).isInstanceOf(FoundData.TooLarge.class)
                .hasMessage("category orders found more than 2 rows");
    }

    @Test
    void moreBytesThanTheLimitFailBeforeTheRowIsKept() {
        FoundData found = new FoundData(100, 100);
        found.add("notes", Map.of("text", "x".repeat(50)));
        assertThatThrownBy(() -> found.add("notes", Map.of("text", "y".repeat(50)))).isInstanceOf(FoundData.TooLarge.class)
                .hasMessage("the data found is larger than 100 bytes");
        assertThat(found.byCategory().get("notes")).hasSize(1);
    }

    @Test
    void causesLoseSecretsAndIdentifiersAndStayOneBoundedLine() {
        String cause = ConnectorFailure.scrub("FATAL: password hunter2 wrong for s-42 <a@b.example>\n  at line 2",
                java.util.Arrays.asList("hunter2", "s-42", null, "a@b.example"));
        assertThat(cause).isEqualTo("FATAL: password [redacted] wrong for [redacted] <[redacted]>");
        assertThat(ConnectorFailure.scrub("x".repeat(900), List.of())).hasSize(ConnectorFailure.MAX_CAUSE + 3);
    }
}
