#!/usr/bin/env python3
"""Derives pgaw's own AdventureWorks DDL and load plan from the facts in
db/tools/facts/adventureworks_dictionary.tsv and adventureworks_constraints.tsv (see db/tools/facts/README.md).

Run once by a developer when the facts change; its output is committed under
db/src/main/resources/org/pgaw/db/schema/ and reviewed like hand-written code.
    python3 db/tools/generate_schema.py db/tools/facts db/src/main/resources/org/pgaw/db/schema
"""
import csv
import re
import sys
from collections import OrderedDict

src, out = sys.argv[1], sys.argv[2]

DOMAINS = OrderedDict([
    ("Name", "varchar(50)"), ("Flag", "boolean NOT NULL"), ("NameStyle", "boolean NOT NULL"),
    ("Phone", "varchar(25)"), ("AccountNumber", "varchar(15)"), ("OrderNumber", "varchar(25)"),
])
SCHEMAS = ["person", "humanresources", "production", "purchasing", "sales"]
# CSV hierarchyid column -> the path column that replaces it.
HIERARCHY = {"org": "organizationnode", "doc": "documentnode"}


def sql_type(t):
    u = t.strip()
    if u.startswith('"'):
        return u  # a domain, quoted like upstream ("Name")
    low = u.lower()
    mapping = {"serial": "serial", "int": "integer", "integer": "integer", "timestamp": "timestamp",
               "xml": "xml", "date": "date", "text": "text", "uuid": "uuid", "bytea": "bytea",
               "numeric": "numeric", "smallint": "smallint", "time": "time", "varchar": "varchar"}
    if low in mapping:
        return mapping[low]
    return re.sub(r"\s+", "", low).replace(",", ", ")


def sql_default(d):
    d = d.strip()
    if not d or d.startswith("nextval("):
        return None
    if d == "uuid_generate_v1()":
        return "gen_random_uuid()"  # built in since PostgreSQL 13: no uuid-ossp extension needed
    if d == "NOW()":
        return "now()"
    return d


def comment_of(notes):
    for part in notes.split(" | "):
        part = part.strip()
        if part.startswith("COMMENT ON COLUMN: "):
            return re.sub(r"\s+", " ", part[len("COMMENT ON COLUMN: "):]).strip()
    return None


def lit(s):
    return "'" + s.replace("'", "''") + "'"


rows = list(csv.DictReader(open(f"{src}/adventureworks_dictionary.tsv", encoding="utf-8"), delimiter="\t",
                           quoting=csv.QUOTE_NONE))
tables = OrderedDict()
for r in rows:
    tables.setdefault((r["schema"], r["table"]), []).append(r)

ddl = ["-- pgaw's AdventureWorks tables, derived by db/tools/generate_schema.py from the dictionary facts.",
       "-- Keys and foreign keys are added after the load (constraints.tsv); sequences are advanced by sequences.sql.",
       ""]
plan = ["# table\tsource file\tencoding\tformat\tCSV fields in file order: column, column:bytea, column:hierarchyid, - (dropped)"]
seqs = ["-- Advance every SERIAL sequence past the loaded ids, so an INSERT without an id works.",
        "-- Upstream never did this; is_called=false makes the next nextval() return exactly the value given."]
for (schema, table), cols in tables.items():
    q = f"{schema}.{table}"
    final = [c for c in cols if "DROPPED" not in c["notes"]]
    lines = []
    comments = []
    for c in final:
        name = c["column_name"]
        ident = f'"{name}"' if name in ("group", "primary") else name  # reserved words
        t = sql_type(c["sql_type"])
        d = sql_default(c["default"])
        part = f"    {ident} {t}"
        if c["nullable"] == "NO":
            part += " NOT NULL"
        if d is not None:
            part += f" DEFAULT {d}"
        lines.append(part)
        cm = comment_of(c["notes"])
        if cm:
            comments.append(f"COMMENT ON COLUMN {q}.{ident} IS {lit(cm)};")
        if c["sql_type"] == "SERIAL":
            seqs.append(f"SELECT setval(pg_get_serial_sequence('{q}', '{name}'), COALESCE(MAX({ident}), 0) + 1, false) FROM {q};")
    ddl.append(f"CREATE TABLE {q} (")
    ddl.append(",\n".join(lines))
    ddl.append(");")
    ddl.extend(comments)
    ddl.append("")

    source = cols[0]["source_csv_file"]
    if "not in CSV" in source:
        continue
    if source.startswith("(none"):
        plan.append(f"{q}\tProductReview.csv\tUTF-8\tunquoted-multiline\t" + ",".join(
            c["column_name"] for c in cols))
        continue
    fname = source.split(" ")[0].split("/")[-1]
    enc = "ISO-8859-1" if "Latin-1 bytes" in cols[0]["csv_encoding"] else "UTF-8"
    fields = []
    for c in cols:
        n = c["column_name"]
        if "ADDED after load" in c["notes"]:
            continue
        if n in HIERARCHY and "DROPPED" in c["notes"]:
            fields.append(f"{HIERARCHY[n]}:hierarchyid")
        elif "DROPPED" in c["notes"]:
            fields.append("-")
        elif c["sql_type"] == "bytea":
            fields.append(f"{n}:bytea")
        else:
            fields.append(n)
    plan.append(f"{q}\t{fname}\t{enc}\tcsv\t" + ",".join(fields))

head = ["-- Schemas and domains of pgaw's AdventureWorks (see tables.sql).", ""]
for s in SCHEMAS:
    head.append(f"CREATE SCHEMA {s};")
head.append("")
for n, t in DOMAINS.items():
    head.append(f'CREATE DOMAIN public."{n}" AS {t};')
open(f"{out}/10-schemas.sql", "w").write("\n".join(head) + "\n")
open(f"{out}/20-tables.sql", "w").write("\n".join(ddl))
open(f"{out}/40-sequences.sql", "w").write("\n".join(seqs) + "\n")
open(f"{out}/loadplan.tsv", "w").write("\n".join(plan) + "\n")

cons = ["# kind\ttable\tcolumns\treferenced table\treferenced columns\tname\ton delete"]
for r in csv.DictReader(open(f"{src}/adventureworks_constraints.tsv", encoding="utf-8"), delimiter="\t",
                        quoting=csv.QUOTE_NONE):
    kind = {"PRIMARY KEY": "pk", "FOREIGN KEY": "fk", "UNIQUE": "unique"}[r["constraint_kind"]]
    ref = f'{r["ref_schema"]}.{r["ref_table"]}' if r["ref_table"] else ""
    name = r["constraint_name"] if not r["constraint_name"].startswith("(") else f'UQ_{r["table"].capitalize()}_{r["columns"]}'
    ondel = "cascade" if "ON DELETE CASCADE" in r["notes"] else ""
    cons.append("\t".join([kind, f'{r["schema"]}.{r["table"]}', r["columns"], ref, r["ref_columns"], name, ondel]))
open(f"{out}/constraints.tsv", "w").write("\n".join(cons) + "\n")
