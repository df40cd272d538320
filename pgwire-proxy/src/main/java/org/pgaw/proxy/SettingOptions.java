package org.pgaw.proxy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pgaw.proxy.config.EffectiveConfig;
import org.pgaw.proxy.config.Setting;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Settings of the catalogue as command-line options, so that every command taking a setting (the proxy, the demo)
 * offers it with the same flag, the same help and the same parsing: one definition, never a copy.
 */
public final class SettingOptions {
    /** Characters a description line has at the usage width of the commands before picocli wraps it. */
    private static final int DESCRIPTION_WIDTH = 78;

    private SettingOptions() { }

    /** The proxy's option for {@code s}, with its default and the names of its variable and YAML key. */
    public static OptionSpec optionFor(Setting s) {
        String dflt = defaultText(s);
        // Default and names on lines of their own: picocli wraps long lines at dots and colons, which would cut
        // an address or a key in two.
        String names = "Env: " + s.envName() + "  YAML: " + s.key();
        String[] description = names.length() <= DESCRIPTION_WIDTH
                ? new String[] {s.help(), "Default: " + dflt, names}
                : new String[] {s.help(), "Default: " + dflt, "Env: " + s.envName(), "YAML: " + s.key()};
        return builder(s, s.flag()).description(description).build();
    }

    /**
     * The option for {@code s} in a command that reads no variables or files (the demo): its flag and a shorter
     * alias, with its help and default only.
     */
    public static OptionSpec flagOnlyOptionFor(Setting s, String alias) {
        return builder(s, s.flag(), alias).description(s.help(), "Default: " + defaultText(s)).build();
    }

    private static OptionSpec.Builder builder(Setting s, String... names) {
        return OptionSpec.builder(names).paramLabel(s.type().label()).type(String.class).arity("1");
    }

    private static String defaultText(Setting s) {
        String dflt = s.textIn(EffectiveConfig.defaults());
        return dflt.isEmpty() ? "none" : dflt;
    }

    /** A value given on the command line, and the name it was given with. */
    public record Given(String value, String typedAs) { }

    /** The settings among {@code settings} given on this command line, by key; absent ones are left to other sources. */
    public static Map<String, Given> given(CommandLine.ParseResult parsed, List<Setting> settings) {
        Map<String, Given> out = new LinkedHashMap<>();
        for (Setting s : settings) {
            OptionSpec option = parsed.matchedOption(s.flag());
            if (option != null) out.put(s.key(), new Given(option.getValue(), typedName(parsed, option)));
        }
        return out;
    }

    /** Which of the option's names the person typed (the last one, since the last value wins). */
    private static String typedName(CommandLine.ParseResult parsed, OptionSpec option) {
        String typed = option.longestName();
        for (String arg : parsed.expandedArgs()) {
            for (String name : option.names()) {
                if (arg.equals(name) || arg.startsWith(name + "=")) typed = name;
            }
        }
        return typed;
    }

    public static Map<String, String> values(Map<String, Given> given) {
        Map<String, String> out = new LinkedHashMap<>();
        given.forEach((k, g) -> out.put(k, g.value()));
        return out;
    }

    public static Map<String, String> typedNames(Map<String, Given> given) {
        Map<String, String> out = new LinkedHashMap<>();
        given.forEach((k, g) -> out.put(k, g.typedAs()));
        return out;
    }
}
