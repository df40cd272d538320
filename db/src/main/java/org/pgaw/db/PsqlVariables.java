package org.pgaw.db;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces psql's variable interpolation ({@code :'name'} as a literal, {@code :"name"} as an identifier)
 * so that the very same SQL files run under psql (the database image) and over JDBC (the demo).
 * A {@code ::"Name"} cast is left alone, as psql does.
 */
public final class PsqlVariables {
    private static final Pattern VAR = Pattern.compile("(?<!:):(['\"])([A-Za-z_][A-Za-z0-9_]*)\\1");

    private PsqlVariables() { }

    public static String substitute(String sql, Map<String, String> vars) {
        Matcher m = VAR.matcher(sql);
        StringBuilder out = new StringBuilder(sql.length());
        while (m.find()) {
            String name = m.group(2);
            String value = vars.get(name);
            if (value == null) throw new IllegalArgumentException("SQL uses psql variable '" + name + "' but no value was given");
            String replacement = m.group(1).equals("'") ? literal(value) : identifier(value);
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** A standard-conforming string literal; a NUL cannot be in a PostgreSQL string and is refused. */
    public static String literal(String v) {
        if (v.indexOf('\0') >= 0) throw new IllegalArgumentException("value contains a NUL character");
        return "'" + v.replace("'", "''") + "'";
    }

    public static String identifier(String v) {
        if (v.indexOf('\0') >= 0) throw new IllegalArgumentException("identifier contains a NUL character");
        return "\"" + v.replace("\"", "\"\"") + "\"";
    }
}
