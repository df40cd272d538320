package org.pgaw.proxy.guard.gate;

import java.util.Locale;
import java.util.Map;
import org.pgaw.proxy.guard.UnsafeClientEncoding;

/**
 * The settings a client may pass in its StartupMessage: any parameter other than user, database, replication and
 * options is a setting PostgreSQL applies for the session ({@code statement_timeout=0}), and {@code options} carries
 * more ({@code -c statement_timeout=0}, {@code --statement_timeout=0}, PGOPTIONS). Both override the role's
 * defaults, so a guarded session may not use them for the settings {@link SettingRules} protects, whatever the
 * teacher widened: the startup packet is not a statement and no policy allows it. Pure: the session turns a non-null
 * answer into a FATAL before anything reaches PostgreSQL.
 */
public final class StartupSettings {
    private StartupSettings() { }

    /** A learner-readable reason to refuse the startup parameters, or null when they may pass. */
    public static String refusal(Map<String, String> parameters) {
        for (Map.Entry<String, String> e : parameters.entrySet()) {
            String name = e.getKey().toLowerCase(Locale.ROOT);
            if (name.equals("user") || name.equals("database") || name.equals("replication")) continue;
            if (name.equals("options")) {
                String bad = protectedInOptions(e.getValue());
                if (bad != null) return message(bad);
                if (unsafeEncodingInOptions(e.getValue())) return encodingMessage(e.getValue());
            } else if (SettingRules.categoryOf(name) != null) {
                return message(name);
            } else if (name.equals("client_encoding") && UnsafeClientEncoding.isUnsafe(e.getValue())) {
                return encodingMessage(e.getValue());
            }
        }
        return null;
    }

    /**
     * The first protected setting named in an options string, or null. Fail closed without parsing PostgreSQL's
     * escaping and spelling rules ({@code -c name=v}, {@code -cname=v}, {@code --name=v}, dashes for underscores):
     * a protected name anywhere in the text refuses, even inside a value (options are rare in learners' clients).
     */
    static String protectedInOptions(String options) {
        if (options == null) return null;
        String normalized = normalize(options);
        for (String name : SettingRules.protectedNames()) {
            if (normalized.contains(name)) return name;
        }
        return null;
    }

    /**
     * A client_encoding in the options text ({@code -c client_encoding=SJIS}, {@code --client-encoding=sjis}) that
     * may be ASCII-unsafe. Fail closed without parsing the options' escapes: when the text names client_encoding, any
     * unsafe encoding's name anywhere in it (compared as PostgreSQL compares encoding names: letters and digits
     * only) refuses.
     */
    static boolean unsafeEncodingInOptions(String options) {
        if (options == null) return false;
        String normalized = normalize(options);
        return normalized.contains("client_encoding") && UnsafeClientEncoding.mentionsUnsafe(options);
    }

    /**
     * The options text as PostgreSQL's pg_split_opts and ParseLongOption read the names in it: a backslash escapes
     * the next character ({@code -c work\_mem=1GB} is {@code work_mem}), dashes are underscores, case does not
     * matter. Dropping every backslash can only make a name appear, never hide one: fail closed.
     */
    private static String normalize(String options) {
        return options.replace("\\", "").toLowerCase(Locale.ROOT).replace('-', '_');
    }

    /**
     * Why a client encoding at startup is refused: with SJIS, BIG5, GBK... in force a byte 0x5C or 0x27 inside a
     * character is no backslash or quote to PostgreSQL, so the statement gate could read a string where PostgreSQL
     * reads SQL. The SET forms are refused while planning (UnsafeClientEncoding); the startup packet is no statement.
     */
    private static String encodingMessage(String value) {
        String shown = value.length() <= Names.MAX_QUOTED ? value : value.substring(0, Names.MAX_QUOTED) + "...";
        return "pgaw: the class server does not accept the client encoding \"" + shown + "\" (some of its characters"
                + " contain the bytes of a quote or a backslash); connect with UTF8 (PGCLIENTENCODING=UTF8)";
    }

    private static String message(String setting) {
        return "pgaw: the class server does not accept " + setting + " from the connection settings"
                + " (PGOPTIONS, options=-c ...); remove it and connect again";
    }
}
