// PostgreSQL's schema from pg_catalog, for the connection's current_schema(),
// plus what belongs to the whole database (its schemas, extensions and event
// triggers). Definitions come from the server's own pg_get_*def functions,
// with the schema's name taken out so that two schemas holding the same
// objects (one per tenant, say) describe the same. Objects an extension
// created (its functions, types, tables) are the extension's, not the user's:
// only `extension NAME` stands for them.
//
// One query: every kind below is a SELECT of (kind, name, definition, body),
// sent as one UNION ALL (db/schema_rows.h), so that reading the schema costs
// one round trip however many objects there are (verify reads it four times
// per migration). `body` is set for routines: it is hashed (BodyHash) rather
// than shown.
#include "db/schema_reader.h"
#include "db/schema_rows.h"

namespace gander {
namespace {

// Not a member of an extension (pg_depend type 'e'): `catalog` is the
// object's catalog table, `oid` the object's oid expression.
std::string NotFromExtension(const std::string& catalog, const std::string& oid) {
  return " NOT EXISTS (SELECT 1 FROM pg_depend ext WHERE ext.classid = '" + catalog +
         "'::regclass AND ext.objid = " + oid + " AND ext.deptype = 'e') ";
}

// Not made by PostgreSQL along with another object (pg_depend type 'i'): a
// range type's constructor functions, say.
std::string NotMadeBySystem(const std::string& catalog, const std::string& oid) {
  return " NOT EXISTS (SELECT 1 FROM pg_depend sys WHERE sys.classid = '" + catalog +
         "'::regclass AND sys.objid = " + oid + " AND sys.deptype = 'i') ";
}

// Common to every part: s, the current schema's oid; rel, its relations
// (tables, views, sequences, ...) that no extension made, read once.
std::string CommonTables() {
  return "WITH s AS (SELECT oid FROM pg_namespace WHERE nspname = current_schema()), rel AS (SELECT c.* FROM "
         "pg_class c WHERE c.relnamespace = (SELECT oid FROM s) AND" +
         NotFromExtension("pg_class", "c.oid") + ") ";
}

// " COMMENT 'text'" for an object (or, with `subid`, a column) that has one,
// else "". Read from pg_description directly: obj_description() and
// col_description() are SQL functions, three times slower per row.
std::string CommentOn(const std::string& oid, const std::string& catalog, const std::string& subid = "0") {
  return "coalesce((SELECT ' COMMENT ' || quote_literal(dc.description) FROM pg_description dc WHERE dc.objoid = " +
         oid + " AND dc.classoid = '" + catalog + "'::regclass AND dc.objsubid = " + subid + "), '')";
}

// The same as a join, for the kinds with many objects: `dc` is the comment.
std::string CommentText() { return "coalesce(' COMMENT ' || quote_literal(dc.description), '')"; }
std::string CommentJoin(const std::string& oid, const std::string& catalog, const std::string& subid = "0") {
  return " LEFT JOIN pg_description dc ON dc.objoid = " + oid + " AND dc.classoid = '" + catalog +
         "'::regclass AND dc.objsubid = " + subid;
}

// Drops "schema." after " ON " in index and trigger definitions.
std::string Unqualified(const std::string& expr) {
  return "replace(" + expr + ", ' ON ' || quote_ident(current_schema()) || '.', ' ON ')";
}

// Drops every "schema." (statistics objects, whose definition always qualifies).
std::string WithoutSchema(const std::string& expr) {
  return "replace(" + expr + ", quote_ident(current_schema()) || '.', '')";
}

// Every schema of the database but the system's, the current one included
// (tenants sharing a database then list the same schemas). First in the
// UNION, so its columns are cast to text: a `name` column there would make
// every name of the result a `name`, cut at 63 bytes.
std::string Schemas() {
  return "SELECT 'schema'::text, n.nspname::text, " + CommentOn("n.oid", "pg_namespace") +
         ", NULL::text FROM pg_namespace n WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') AND "
         "n.nspname NOT LIKE 'pg\\_temp\\_%' AND n.nspname NOT LIKE 'pg\\_toast\\_temp\\_%' AND" +
         NotFromExtension("pg_namespace", "n.oid");
}

// By name: the version is the server's installed package's, not the migration's.
const char* const kExtensions =
    "SELECT 'extension', x.extname::text, '', NULL FROM pg_extension x WHERE x.extname <> 'plpgsql'";

// A column or attribute: type, collation where it is not the type's own.
std::string TypeWithCollation(const std::string& a) {
  return "format_type(" + a + ".atttypid, " + a + ".atttypmod) || coalesce((SELECT ' COLLATE ' || co.collname FROM " +
         "pg_collation co WHERE co.oid = " + a + ".attcollation AND " + a +
         ".attcollation <> (SELECT typcollation FROM pg_type WHERE oid = " + a + ".atttypid)), '')";
}

// Enum (labels in their order), composite (attributes), domain (base type,
// NOT NULL, default, constraints), range (subtype). Not listed: the array and
// multirange types PostgreSQL makes for each type, nor a table's row type.
std::string Types() {
  return "SELECT 'type', t.typname::text, CASE t.typtype "
         "WHEN 'e' THEN 'ENUM (' || coalesce((SELECT string_agg(quote_literal(l.enumlabel), ', ' ORDER BY "
         "l.enumsortorder) FROM pg_enum l WHERE l.enumtypid = t.oid), '') || ')' "
         "WHEN 'c' THEN 'COMPOSITE (' || coalesce((SELECT string_agg(quote_ident(a.attname) || ' ' || " +
         TypeWithCollation("a") +
         ", ', ' ORDER BY a.attnum) FROM pg_attribute a WHERE a.attrelid = t.typrelid AND a.attnum > 0 "
         "AND NOT a.attisdropped), '') || ')' "
         "WHEN 'd' THEN 'DOMAIN ' || format_type(t.typbasetype, t.typtypmod) || coalesce((SELECT ' COLLATE ' || "
         "co.collname FROM pg_collation co WHERE co.oid = t.typcollation AND t.typcollation <> (SELECT typcollation "
         "FROM pg_type WHERE oid = t.typbasetype)), '') || CASE WHEN t.typnotnull THEN ' NOT NULL' ELSE '' END || "
         "coalesce(' DEFAULT ' || t.typdefault, '') || coalesce((SELECT ' ' || string_agg('CONSTRAINT ' || "
         "quote_ident(k.conname) || ' ' || pg_get_constraintdef(k.oid, true), ' ' ORDER BY k.conname) FROM "
         "pg_constraint k WHERE k.contypid = t.oid), '') "
         "WHEN 'r' THEN 'RANGE (SUBTYPE ' || (SELECT format_type(r.rngsubtype, NULL) FROM pg_range r WHERE "
         "r.rngtypid = t.oid) || ')' "
         "WHEN 'p' THEN 'SHELL' ELSE 'BASE' END || " +
         CommentOn("t.oid", "pg_type") +
         ", NULL FROM pg_type t WHERE t.typnamespace = (SELECT oid FROM s) AND t.typtype IN ('b', 'c', 'd', 'e', "
         "'p', 'r') AND (t.typrelid = 0 OR (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c') "
         "AND NOT EXISTS (SELECT 1 FROM pg_type el WHERE el.typarray = t.oid) AND" +
         NotFromExtension("pg_type", "t.oid");
}

// Parameters, not the current value (that is data). A sequence a column owns
// (serial, identity, OWNED BY) is named after its table, like the column.
std::string Sequences() {
  return "SELECT 'sequence', coalesce(o.tab || '.', '') || c.relname, format_type(q.seqtypid, NULL) || ' START ' || "
         "q.seqstart || ' INCREMENT ' || q.seqincrement || ' MIN ' || q.seqmin || ' MAX ' || q.seqmax || ' CACHE ' || "
         "q.seqcache || CASE WHEN q.seqcycle THEN ' CYCLE' ELSE '' END || coalesce(' OWNED BY ' || o.tab || '.' || "
         "o.col, '') || " +
         CommentOn("c.oid", "pg_class") +
         ", NULL FROM rel c JOIN pg_sequence q ON q.seqrelid = c.oid LEFT JOIN LATERAL (SELECT t.relname AS "
         "tab, a.attname AS col FROM pg_depend d JOIN pg_class t ON t.oid = d.refobjid JOIN pg_attribute a ON "
         "a.attrelid = t.oid AND a.attnum = d.refobjsubid WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid "
         "AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i') LIMIT 1) o ON true";
}

// Tables: partitioning, inheritance, UNLOGGED, row-level security, replica
// identity and storage options; views and materialized views: their
// definition and options.
std::string Relations() {
  return "SELECT CASE WHEN c.relkind IN ('v', 'm') THEN 'view' ELSE 'table' END, c.relname::text, "
         "CASE WHEN c.relkind IN ('v', 'm') THEN CASE WHEN c.relkind = 'm' THEN 'MATERIALIZED ' ELSE '' END || "
         "coalesce('WITH (' || array_to_string(c.reloptions, ', ') || ') ', '') || pg_get_viewdef(c.oid, true) "
         "ELSE CASE c.relkind WHEN 'p' THEN 'PARTITIONED BY ' || "
         "pg_get_partkeydef(c.oid) WHEN 'f' THEN 'FOREIGN' ELSE '' END || coalesce((SELECT CASE WHEN c.relispartition "
         "THEN ' PARTITION OF ' || string_agg(quote_ident(pc.relname), ', ') || ' ' || pg_get_expr(c.relpartbound, "
         "c.oid) ELSE ' INHERITS (' || string_agg(quote_ident(pc.relname), ', ' ORDER BY i.inhseqno) || ')' END FROM "
         "pg_inherits i JOIN pg_class pc ON pc.oid = i.inhparent WHERE i.inhrelid = c.oid HAVING count(*) > 0), '') "
         "|| CASE WHEN c.relpersistence = 'u' THEN ' UNLOGGED' ELSE '' END || CASE WHEN c.relrowsecurity THEN "
         "' ROW LEVEL SECURITY' ELSE '' END || CASE WHEN c.relforcerowsecurity THEN ' FORCED' ELSE '' END || "
         "CASE c.relreplident WHEN 'f' THEN ' REPLICA IDENTITY FULL' WHEN 'n' THEN ' REPLICA IDENTITY NOTHING' "
         "WHEN 'i' THEN ' REPLICA IDENTITY USING INDEX' ELSE '' END || coalesce(' WITH (' || "
         "array_to_string(c.reloptions, ', ') || ')', '') END || " +
         CommentOn("c.oid", "pg_class") + ", NULL FROM rel c WHERE c.relkind IN ('r', 'p', 'f', 'v', 'm')";
}

// Type, collation, NOT NULL, default or generation expression, identity.
// Joins rather than the per-row subqueries of TypeWithCollation and
// CommentOn: a schema has far more columns than anything else (on openmeter's
// 1,429 columns, 4 ms instead of 6).
std::string Columns() {
  return "SELECT 'column', c.relname || '.' || a.attname, format_type(a.atttypid, a.atttypmod) || coalesce(' COLLATE "
         "' || co.collname, '') || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE '' END || CASE WHEN a.attgenerated = "
         "'s' THEN ' GENERATED ALWAYS AS (' || pg_get_expr(d.adbin, d.adrelid) || ') STORED' ELSE coalesce(' DEFAULT ' "
         "|| pg_get_expr(d.adbin, d.adrelid), '') END || CASE a.attidentity WHEN 'a' THEN ' GENERATED ALWAYS AS "
         "IDENTITY' WHEN 'd' THEN ' GENERATED BY DEFAULT AS IDENTITY' ELSE '' END || " +
         CommentText() +
         ", NULL FROM pg_attribute a JOIN rel c ON c.oid = a.attrelid JOIN pg_type ty ON ty.oid = a.atttypid LEFT "
         "JOIN pg_collation co ON co.oid = a.attcollation AND a.attcollation <> ty.typcollation LEFT JOIN pg_attrdef "
         "d ON d.adrelid = a.attrelid AND d.adnum = a.attnum" +
         CommentJoin("c.oid", "pg_class", "a.attnum") +
         " WHERE c.relkind IN ('r', 'p', 'f') AND a.attnum > 0 AND NOT a.attisdropped";
}

// Indexes (pg_get_indexdef: unique, method, expressions, INCLUDE, WHERE),
// marked INVALID after a failed CREATE INDEX CONCURRENTLY.
std::string Indexes() {
  return "SELECT 'index', c.relname || '.' || i.relname, " + Unqualified("pg_get_indexdef(i.oid)") +
         " || CASE WHEN x.indisvalid THEN '' ELSE ' INVALID' END || " + CommentText() +
         ", NULL FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN rel c ON c.oid = x.indrelid" +
         CommentJoin("i.oid", "pg_class");
}

// Primary keys, unique, check, foreign keys (with their actions), exclusion.
std::string Constraints() {
  return "SELECT 'constraint', c.relname || '.' || con.conname, pg_get_constraintdef(con.oid, true) || " +
         CommentText() + ", NULL FROM pg_constraint con JOIN rel c ON c.oid = con.conrelid" +
         CommentJoin("con.oid", "pg_constraint");
}

std::string Triggers() {
  return "SELECT 'trigger', c.relname || '.' || t.tgname, " + Unqualified("pg_get_triggerdef(t.oid, true)") +
         " || CASE t.tgenabled WHEN 'D' THEN ' DISABLED' WHEN 'R' THEN ' ENABLE REPLICA' WHEN 'A' THEN "
         "' ENABLE ALWAYS' ELSE '' END || " +
         CommentOn("t.oid", "pg_trigger") +
         ", NULL FROM pg_trigger t JOIN rel c ON c.oid = t.tgrelid WHERE NOT t.tgisinternal";
}

std::string Policies() {
  return "SELECT 'policy', c.relname || '.' || p.polname, CASE WHEN p.polpermissive THEN 'PERMISSIVE' ELSE "
         "'RESTRICTIVE' END || ' FOR ' || CASE p.polcmd WHEN 'r' THEN 'SELECT' WHEN 'a' THEN 'INSERT' WHEN 'w' THEN "
         "'UPDATE' WHEN 'd' THEN 'DELETE' ELSE 'ALL' END || ' TO ' || (SELECT string_agg(CASE WHEN r.oid = 0 THEN "
         "'PUBLIC' ELSE quote_ident(pg_get_userbyid(r.oid)) END, ', ' ORDER BY CASE WHEN r.oid = 0 THEN 'PUBLIC' "
         "ELSE quote_ident(pg_get_userbyid(r.oid)) END) FROM unnest(p.polroles) AS r(oid)) || coalesce(' USING (' || "
         "pg_get_expr(p.polqual, p.polrelid) || ')', '') || coalesce(' WITH CHECK (' || pg_get_expr(p.polwithcheck, "
         "p.polrelid) || ')', '') || " +
         CommentOn("p.oid", "pg_policy") + ", NULL FROM pg_policy p JOIN rel c ON c.oid = p.polrelid";
}

std::string Rules() {
  return "SELECT 'rule', c.relname || '.' || r.rulename, " + WithoutSchema("pg_get_ruledef(r.oid, true)") + " || " +
         CommentOn("r.oid", "pg_rewrite") +
         ", NULL FROM pg_rewrite r JOIN rel c ON c.oid = r.ev_class WHERE r.rulename <> '_RETURN'";
}

// CREATE STATISTICS objects (their definition, not the statistics gathered).
std::string StatisticsObjects() {
  return "SELECT 'statistics', c.relname || '.' || st.stxname, " + WithoutSchema("pg_get_statisticsobjdef(st.oid)") +
         ", NULL FROM pg_statistic_ext st JOIN rel c ON c.oid = st.stxrelid WHERE st.stxnamespace = (SELECT oid "
         "FROM s)";
}

std::string Collations() {
  return "SELECT 'collation', co.collname::text, 'PROVIDER ' || CASE co.collprovider WHEN 'i' THEN 'icu' WHEN 'c' THEN "
         "'libc' ELSE 'default' END || CASE WHEN co.collisdeterministic THEN '' ELSE ' NONDETERMINISTIC' END || " +
         CommentOn("co.oid", "pg_collation") +
         ", NULL FROM pg_collation co WHERE co.collnamespace = (SELECT oid FROM s) AND" +
         NotFromExtension("pg_collation", "co.oid");
}

// Functions, procedures and aggregates by name and argument types; described
// by result, language, volatility, strictness, security, parallel safety,
// settings, argument defaults, and the hash of the body. A body in SQL-standard
// form (BEGIN ATOMIC, PostgreSQL 14+) has no source text: its deparsed
// definition stands for it.
std::string Routines() {
  return "SELECT CASE p.prokind WHEN 'p' THEN 'procedure' WHEN 'a' THEN 'aggregate' ELSE 'function' END, "
         "p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')', "
         "coalesce('RETURNS ' || pg_get_function_result(p.oid) || ' ', '') || 'LANGUAGE ' || l.lanname || "
         "CASE WHEN p.prokind = 'w' THEN ' WINDOW' ELSE '' END || CASE WHEN p.prokind = 'p' THEN '' WHEN "
         "p.provolatile = 'i' THEN ' IMMUTABLE' WHEN p.provolatile = 's' THEN ' STABLE' ELSE ' VOLATILE' END || "
         "CASE WHEN p.proisstrict THEN ' STRICT' ELSE '' END || CASE WHEN p.prosecdef THEN ' SECURITY DEFINER' ELSE "
         "'' END || CASE WHEN p.proleakproof THEN ' LEAKPROOF' ELSE '' END || CASE p.proparallel WHEN 's' THEN "
         "' PARALLEL SAFE' WHEN 'r' THEN ' PARALLEL RESTRICTED' ELSE '' END || coalesce(' SET ' || "
         "array_to_string(p.proconfig, ' SET '), '') || CASE WHEN p.pronargdefaults > 0 THEN ' ARGUMENTS (' || "
         "pg_get_function_arguments(p.oid) || ')' ELSE '' END || coalesce((SELECT ' SFUNC ' || ag.aggtransfn::text "
         "|| ' STYPE ' || format_type(ag.aggtranstype, NULL) FROM pg_aggregate ag WHERE ag.aggfnoid = p.oid), '') || " +
         CommentOn("p.oid", "pg_proc") +
         ", CASE WHEN p.prokind = 'a' THEN NULL WHEN to_jsonb(p) ->> 'prosqlbody' IS NOT NULL THEN " +
         WithoutSchema("pg_get_functiondef(p.oid)") +
         " ELSE p.prosrc END FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang WHERE p.pronamespace = (SELECT "
         "oid FROM s) AND" +
         NotFromExtension("pg_proc", "p.oid") + "AND" + NotMadeBySystem("pg_proc", "p.oid");
}

// Event triggers belong to the database, like schemas and extensions.
std::string EventTriggers() {
  return "SELECT 'event_trigger', e.evtname::text, 'ON ' || e.evtevent || coalesce(' WHEN TAG IN (' || (SELECT "
         "string_agg(quote_literal(tag), ', ' ORDER BY tag) FROM unnest(e.evttags) AS tag) || ')', '') || "
         "' EXECUTE FUNCTION ' || e.evtfoid::regproc::text || '()' || CASE e.evtenabled WHEN 'D' THEN ' DISABLED' WHEN "
         "'R' "
         "THEN ' ENABLE REPLICA' WHEN 'A' THEN ' ENABLE ALWAYS' ELSE '' END || " +
         CommentOn("e.oid", "pg_event_trigger") + ", NULL FROM pg_event_trigger e WHERE" +
         NotFromExtension("pg_event_trigger", "e.oid");
}

std::string SchemaQuery() {
  std::string sql = CommonTables();
  const std::string parts[] = {Schemas(), kExtensions,         Types(),       Sequences(), Relations(),
                               Columns(), Indexes(),           Constraints(), Triggers(),  Policies(),
                               Rules(),   StatisticsObjects(), Collations(),  Routines(),  EventTriggers()};
  bool first = true;
  for (const std::string& part : parts) {
    sql += (first ? "" : " UNION ALL ") + part;
    first = false;
  }
  return sql;
}

}  // namespace

Status ReadPostgresSchema(Connection& conn, std::vector<SchemaObject>* out) {
  static const std::string kQuery = SchemaQuery();
  return ReadSchemaRows(conn, kQuery, out);
}

}  // namespace gander
