package org.pgaw.proxy.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the configuration file into a tree; every failure becomes one line naming the file, line and column. */
final class YamlFile {
    /** A configuration file is a few kilobytes; anything near this is a mistake (or an attack on the parser). */
    static final long MAX_BYTES = 1024 * 1024;

    private static final YAMLMapper MAPPER = YAMLMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private YamlFile() { }

    /** The file's top-level mapping (empty for an empty file). */
    static JsonNode read(Path file) {
        if (!Files.exists(file)) throw new ConfigException("config file " + file + " does not exist");
        if (!Files.isRegularFile(file)) throw new ConfigException("config file " + file + " is not a regular file");
        if (!Files.isReadable(file)) throw new ConfigException("config file " + file + " is not readable");
        JsonNode root;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new ConfigException("config file " + file + " is larger than " + Units.formatSize(MAX_BYTES));
            }
            root = MAPPER.readTree(Files.readAllBytes(file));
        } catch (JsonProcessingException e) {
            throw new ConfigException("config file " + file + where(e.getLocation()) + ": " + firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + file + ": " + e.getMessage());
        }
        if (root == null || root.isMissingNode() || root.isNull()) return JsonNodeFactory.instance.objectNode();
        if (!root.isObject()) {
            throw new ConfigException("config file " + file + " must hold a mapping of keys (like 'listen: 0.0.0.0:6432'), not a "
                    + root.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        }
        return root;
    }

    static YAMLMapper mapper() {
        return MAPPER;
    }

    private static String where(JsonLocation at) {
        if (at == null || at.getLineNr() < 1) return "";
        return ", line " + at.getLineNr() + " column " + at.getColumnNr();
    }

    private static String firstLine(String message) {
        if (message == null) return "not valid YAML";
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).trim();
    }
}
