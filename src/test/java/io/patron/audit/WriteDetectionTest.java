package io.patron.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Which statements make a PostgreSQL connection hand the actor to the audit triggers: any that names insert, update,
 * delete or merge as a whole word, in any case (a read that names one, e.g. {@code for update}, pays one round trip).
 */
class WriteDetectionTest {

    /** The rule as a regular expression: the hand-written scan must answer the same. */
    private static final Pattern RULE = Pattern.compile("\\b(insert|update|delete|merge)\\b", Pattern.CASE_INSENSITIVE);

    @Example
    void writesAreFoundWhereverTheKeywordStands() {
        assertThat(PostgresAuditConnections.mayWrite("insert into customer (id) values (?)")).isTrue();
        assertThat(PostgresAuditConnections.mayWrite("UPDATE \"point_lot\" set available = ?")).isTrue();
        assertThat(PostgresAuditConnections.mayWrite("with gone as (DeLeTe from x returning id) select 1")).isTrue();
        assertThat(PostgresAuditConnections.mayWrite("select id from wallet where id = ? for update")).isTrue();
        assertThat(PostgresAuditConnections.mayWrite("merge")).isTrue();
    }

    @Example
    void readsAndLookalikeNamesAreNot() {
        assertThat(PostgresAuditConnections.mayWrite("select \"customer\".\"updated_at\", last_update, "
                + "\"reinsert\", merged, delete_reason, xdelete from customer where id = ?")).isFalse();
        assertThat(PostgresAuditConnections.mayWrite("")).isFalse();
        assertThat(PostgresAuditConnections.mayWrite("insert_1")).isFalse();
    }

    @Property(tries = 2000)
    void answersAsTheRegularExpressionDoes(@ForAll("statements") String sql) {
        assertThat(PostgresAuditConnections.mayWrite(sql)).as(sql).isEqualTo(RULE.matcher(sql).find());
    }

    @Provide
    Arbitrary<String> statements() {
        Arbitrary<String> pieces = Arbitraries.oneOf(
                Arbitraries.of("insert", "INSERT", "Update", "delete", "mErGe", "select", "from", "_", "x", "1",
                        " ", "\"", ".", "(", ")", ",", "ıNSERT", "update_", "_delete", "merge1", "é"),
                Arbitraries.strings().ascii().ofMaxLength(4)); // the SQL Patron renders: values are bound, not inlined
        return pieces.list().ofMaxSize(12).map(list -> String.join("", (List<String>) list));
    }
}
