package org.pgaw.proxy.guard;

import java.util.Set;

/**
 * The functions a "catalog-only" query may call: an allow-list, because a function call can read any table
 * ({@code table_to_xml('sales.customer'::regclass, ...)}), run SQL passed as a string ({@code query_to_xml},
 * {@code cursor_to_xml}, {@code ts_stat}, {@code dblink}, {@code xpath} over a query's output...) or produce unbounded
 * rows ({@code generate_series}). Everything here only reads the catalogs, settings or its arguments: what pgAdmin's
 * tree, properties, dashboards and autocomplete call (its SQL templates), plus the plain scalar and aggregate
 * functions such queries combine them with. Anything else makes the query an ordinary, row-limited one.
 */
final class CatalogFunctions {
    private static final Set<String> SAFE = Set.of(
            // catalog readers and formatters pgAdmin uses
            "pg_get_userbyid", "pg_get_expr", "pg_get_indexdef", "pg_get_constraintdef", "pg_get_viewdef",
            "pg_get_functiondef", "pg_get_function_arguments", "pg_get_function_result",
            "pg_get_function_identity_arguments", "pg_get_function_sqlbody", "pg_get_triggerdef", "pg_get_ruledef",
            "pg_get_serial_sequence", "pg_get_partkeydef", "pg_get_partition_constraintdef", "pg_get_statisticsobjdef",
            "pg_get_keywords", "pg_show_all_settings", "pg_options_to_table", "pg_encoding_to_char",
            "pg_char_to_encoding", "pg_tablespace_location", "pg_is_in_recovery", "pg_is_wal_replay_paused",
            "pg_available_extensions", "pg_available_extension_versions", "pg_relation_size",
            "pg_total_relation_size", "pg_table_size", "pg_indexes_size", "pg_database_size", "pg_tablespace_size",
            "pg_size_pretty", "pg_blocking_pids", "pg_backend_pid", "pg_column_is_updatable",
            "pg_relation_is_updatable", "pg_sequence_parameters", "pg_get_acl", "pg_type_is_visible",
            "pg_table_is_visible", "pg_function_is_visible", "pg_collation_is_visible", "pg_conversion_is_visible",
            "pg_opclass_is_visible", "pg_operator_is_visible", "pg_get_object_address", "pg_identify_object",
            "pg_describe_object", "pg_postmaster_start_time", "pg_conf_load_time", "pg_my_temp_schema",
            "pg_is_other_temp_schema", "pg_jit_available", "pg_listening_channels", "pg_trigger_depth",
            "pg_typeof", "pg_column_size", "pg_timezone_names", "pg_timezone_abbrevs",
            "pg_cursor", "pg_prepared_statement", "pg_get_publication_tables", "pg_has_role",
            "format_type", "oidvectortypes", "obj_description", "col_description", "shobj_description",
            "has_table_privilege", "has_schema_privilege", "has_database_privilege", "has_function_privilege",
            "has_sequence_privilege", "has_column_privilege", "has_any_column_privilege", "has_type_privilege",
            "has_tablespace_privilege", "has_language_privilege", "has_foreign_data_wrapper_privilege",
            "has_server_privilege", "has_parameter_privilege", "aclexplode", "acldefault", "makeaclitem",
            "current_setting", "set_config", "current_database", "current_schema", "current_schemas", "current_user",
            "current_role", "session_user", "version", "inet_server_addr", "inet_server_port", "inet_client_addr",
            "txid_current", "txid_current_if_assigned", "pg_current_xact_id", "ts_token_type", "now",
            "statement_timestamp", "clock_timestamp", "transaction_timestamp", "age",
            // aggregates and window functions
            "count", "max", "min", "sum", "avg", "array_agg", "string_agg", "bool_and", "bool_or", "every",
            "json_agg", "jsonb_agg", "json_object_agg", "jsonb_object_agg", "row_number", "rank", "dense_rank",
            // scalar helpers over their arguments
            "array_to_string", "string_to_array", "array_length", "array_upper", "array_lower", "array_position",
            "array_positions", "array_remove", "array_append", "array_prepend", "array_cat", "array_dims",
            "cardinality", "unnest", "generate_subscripts", "quote_ident", "quote_literal", "quote_nullable",
            "split_part", "length", "char_length", "octet_length", "lower", "upper", "initcap", "btrim", "ltrim",
            "rtrim", "lpad", "rpad", "left", "right", "strpos", "starts_with", "replace", "translate", "concat",
            "concat_ws", "format", "regexp_replace", "regexp_match", "regexp_like", "substr", "reverse", "md5",
            "encode", "decode", "to_char", "to_number", "to_date", "to_timestamp", "date_part", "date_trunc",
            "round", "trunc", "abs", "ceil", "floor", "mod", "power", "greatest", "least", "coalesce", "nullif",
            "row_to_json", "to_json", "to_jsonb", "json_build_object", "jsonb_build_object", "json_build_array",
            "jsonb_build_array", "array_to_json", "json_typeof", "jsonb_typeof", "bpchar", "text", "int4", "int8",
            "oid", "bool", "textin", "regclass", "regtype", "regproc", "regnamespace", "to_regclass", "to_regtype",
            "to_regproc", "to_regnamespace", "to_regrole", "num_nonnulls", "num_nulls");

    private CatalogFunctions() { }

    /** May a catalog-only query call {@code schema.name(...)} (schema null when unqualified)? */
    static boolean isSafe(String schema, String name) {
        if (schema == null || "pg_catalog".equals(schema)) {
            return SAFE.contains(name);
        }
        // information_schema's helpers (_pg_expandarray, _pg_char_max_length...) read only the catalogs
        return "information_schema".equals(schema) && name.startsWith("_pg_");
    }
}
