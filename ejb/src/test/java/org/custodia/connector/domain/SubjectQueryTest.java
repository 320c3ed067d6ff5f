package org.custodia.connector.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.custodia.connector.domain.SubjectIdentifiers.Name;
import org.junit.jupiter.api.Test;

class SubjectQueryTest {

    @Test
    void namedParametersBecomePositionsInOrderAndRepeat() {
        SubjectQuery q = SubjectQuery.parse("select * from customers where id = :subject_id or email = :email or alt_id = :subject_id");
        assertThat(q.jdbcSql()).isEqualTo("select * from customers where id = ? or email = ? or alt_id = ?");
        assertThat(q.parameters()).containsExactly(Name.SUBJECT_ID, Name.EMAIL, Name.SUBJECT_ID);
    }

    @Test
    void castsLiteralsQuotedNamesCommentsAndDollarQuotesAreNotParameters() {
        SubjectQuery q = SubjectQuery.parse("SELECT created::date, ':email' AS \"a:b;c\", $$:x;$$, $t$ ? $t$ -- :nope; ?\n"
                + "FROM t /* :also; ? */ WHERE id = :subject_id::uuid AND note <> 'it''s :email';");
        assertThat(q.parameters()).containsExactly(Name.SUBJECT_ID);
        assertThat(q.jdbcSql()).contains("created::date", "':email'", "\"a:b;c\"", "$$:x;$$", "id = ?::uuid", "'it''s :email'")
                .doesNotEndWith(";");
    }

    @Test
    void aLeadingCommentIsAllowedBeforeTheSelect() {
        assertThat(SubjectQuery.parse("-- orders\n/* of one */ select 1 from o where s = :subject_id").parameters()).hasSize(1);
    }

    @Test
    void refusesWhatIsNotOneSelectByTheSubject() {
        List.of("delete from customers where id = :subject_id",
                "update customers set x = 1 where id = :subject_id",
                "with d as (delete from t returning *) select * from d where id = :subject_id",
                "insert into t select * from u where id = :subject_id").forEach(sql ->
                assertThatThrownBy(() -> SubjectQuery.parse(sql)).isInstanceOf(SubjectQuery.Invalid.class).hasMessage("must be a SELECT"));
        assertThatThrownBy(() -> SubjectQuery.parse("select * from t where id = :subject_id; drop table t"))
                .hasMessage("must be a single statement");
        assertThatThrownBy(() -> SubjectQuery.parse("select 1 from t where id = :subject_id;;")).hasMessage("must be a single statement");
        assertThatThrownBy(() -> SubjectQuery.parse("select * from t where id = :user_id"))
                .hasMessage("unknown parameter :user_id; use :subject_id, :email");
        assertThatThrownBy(() -> SubjectQuery.parse("select * from t where id = ?"))
                .hasMessageStartingWith("must name its parameters");
        assertThatThrownBy(() -> SubjectQuery.parse("select * from t")).hasMessageStartingWith("must select by the subject");
        assertThatThrownBy(() -> SubjectQuery.parse("select * from t where id = ':subject_id'"))
                .hasMessageStartingWith("must select by the subject"); // a quoted name is text, not a parameter
        assertThatThrownBy(() -> SubjectQuery.parse("select 'open from t where id = :subject_id")).hasMessage("has an unclosed string literal");
        assertThatThrownBy(() -> SubjectQuery.parse("select 1 /* where id = :subject_id")).hasMessage("has an unclosed comment");
        assertThatThrownBy(() -> SubjectQuery.parse("  ")).hasMessage("must be a SELECT");
        assertThatThrownBy(() -> SubjectQuery.parse("select :subject_id " + "x".repeat(SubjectQuery.MAX_LENGTH)))
                .hasMessageStartingWith("must be at most");
    }

    @Test
    void jdbcUrlsAreOneHostAndNoDriverParameters() {
        PostgresJdbcUrl u = PostgresJdbcUrl.parse("jdbc:postgresql://db.example.com:6543/shop?sslmode=require");
        assertThat(u).isEqualTo(new PostgresJdbcUrl("db.example.com", 6543, "shop", "require"));
        assertThat(PostgresJdbcUrl.parse("jdbc:postgresql://[::1]/shop")).isEqualTo(new PostgresJdbcUrl("[::1]", 5432, "shop", "prefer"));
        for (String bad : List.of("jdbc:mysql://h/db", "jdbc:postgresql://a,b/db", "jdbc:postgresql://h/db?password=x",
                "jdbc:postgresql://h/db?socketFactory=x.Y", "jdbc:postgresql://h/db?sslmode=require&sslfactory=x",
                "jdbc:postgresql://u:p@h/db", "jdbc:postgresql://h:99999/db", "jdbc:postgresql://h/db?sslmode=verify-full",
                "jdbc:postgresql://h/")) {
            assertThatThrownBy(() -> PostgresJdbcUrl.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
