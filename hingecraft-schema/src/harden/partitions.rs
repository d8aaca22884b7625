//! Partitions: what a range-partitioned table needs to exist in Postgres.
//!
//! For every table with [`Table::partition`](crate::model::Table::partition):
//! - the partition column joins the primary key and every unique
//!   constraint and unique index (Postgres checks uniqueness within a
//!   partition only, so it refuses keys without it); each change is
//!   reported, since `(id)` unique becomes `(id, created_at)` unique;
//! - `create_monthly_partitions(parent regclass, months_ahead integer)`
//!   creates the partitions from the current month to `months_ahead`
//!   months later that do not exist yet, and returns how many it created.
//!   Partitions of a table under row-level security get it too, with no
//!   policy (see the Postgres renderer). Run it ahead of time (a monthly
//!   job): rows of a month without a
//!   partition land in the default partition, and a month's partition
//!   cannot be created while the default partition holds rows of it.
//!
//! A partition column that is not a column leaves the table unpartitioned
//! (a finding); a foreign key into a partitioned table is a finding too
//! (its target would need the partition column).

use super::names::CREATE_PARTITIONS_FUNCTION;
use super::report::{ActionKind, FindingKind, ObjectKind, Recorder};
use super::support::{ensure_function, function_search_path};
use crate::model::{Function, FunctionArg, IndexPart, Schema, Volatility};

pub(super) fn run(schema: &mut Schema, rec: &mut Recorder<'_>) {
    let mut any = false;
    let partitioned: Vec<String> = schema
        .tables
        .iter()
        .filter(|t| t.partition.is_some())
        .map(|t| t.name.clone())
        .collect();
    for table in &mut schema.tables {
        let Some(partition) = table.partition.clone() else {
            continue;
        };
        let column = partition.column;
        if table.column(&column).is_none() {
            rec.finding(
                Some(&table.name),
                FindingKind::Misconfigured,
                format!(
                    "partition column `{column}` is not a column; the table is left unpartitioned"
                ),
            );
            table.partition = None;
            continue;
        }
        any = true;
        let why = "a partitioned table's keys must include its partition column";
        if !table.primary_key.contains(&column) {
            table.primary_key.push(column.clone());
            rec.action(
                Some(&table.name),
                ObjectKind::Table,
                "primary key",
                ActionKind::Changed,
                why,
            );
        }
        for unique in &mut table.uniques {
            if !unique.columns.contains(&column) {
                unique.columns.push(column.clone());
                rec.action(
                    Some(&table.name),
                    ObjectKind::Index,
                    &unique.name,
                    ActionKind::Changed,
                    why,
                );
            }
        }
        for index in table.indexes.iter_mut().filter(|i| i.unique) {
            if !index.parts.iter().any(|p| p.column == column) {
                index.parts.push(IndexPart::column(column.clone()));
                rec.action(
                    Some(&table.name),
                    ObjectKind::Index,
                    &index.name,
                    ActionKind::Changed,
                    why,
                );
            }
        }
    }
    for table in &schema.tables {
        for fk in &table.foreign_keys {
            if partitioned.contains(&fk.ref_table) {
                rec.finding(
                    Some(&table.name),
                    FindingKind::Misconfigured,
                    format!(
                        "foreign key `{}` references partitioned table `{}`, whose key includes its partition column",
                        fk.name, fk.ref_table
                    ),
                );
            }
        }
    }
    if any {
        ensure_function(
            schema,
            create_partitions_function(),
            "adds the monthly partitions of partitioned tables ahead of time",
            rec,
        );
    }
}

fn create_partitions_function() -> Function {
    Function {
        name: CREATE_PARTITIONS_FUNCTION.into(),
        doc: None,
        args: vec![
            FunctionArg {
                name: "parent".into(),
                ty: "regclass".into(),
                default: None,
            },
            FunctionArg {
                name: "months_ahead".into(),
                ty: "integer".into(),
                default: Some("2".into()),
            },
        ],
        returns: "integer".into(),
        language: "plpgsql".into(),
        body: CREATE_PARTITIONS_BODY.into(),
        volatility: Volatility::Volatile,
        security_definer: false,
        search_path: function_search_path(),
    }
}

/// The partitions go into the parent's schema, named `<parent>_pYYYY_MM`,
/// each covering `[first day, first day of the next month)`. A partition of
/// a parent under row-level security gets it enabled and forced with no
/// policy: direct access to a partition is denied, access through the
/// parent goes by the parent's policies.
const CREATE_PARTITIONS_BODY: &str = "
DECLARE
  parent_schema name;
  parent_name name;
  first_month date := date_trunc('month', now())::date;
  month date;
  partition_name text;
  secured boolean;
  created integer := 0;
BEGIN
  SELECT n.nspname, c.relname, c.relrowsecurity INTO parent_schema, parent_name, secured
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE c.oid = parent AND c.relkind = 'p';
  IF parent_name IS NULL THEN
    RAISE EXCEPTION 'table % is not partitioned', parent USING ERRCODE = '42809';
  END IF;
  IF months_ahead < 0 THEN
    RAISE EXCEPTION 'months_ahead must not be negative, got %', months_ahead USING ERRCODE = '22023';
  END IF;
  FOR i IN 0..months_ahead LOOP
    month := (first_month + make_interval(months => i))::date;
    partition_name := parent_name || '_p' || to_char(month, 'YYYY_MM');
    IF to_regclass(format('%I.%I', parent_schema, partition_name)) IS NULL THEN
      EXECUTE format('CREATE TABLE %I.%I PARTITION OF %I.%I FOR VALUES FROM (%L) TO (%L)',
        parent_schema, partition_name, parent_schema, parent_name, month, (month + interval '1 month')::date);
      IF secured THEN
        EXECUTE format('ALTER TABLE %I.%I ENABLE ROW LEVEL SECURITY', parent_schema, partition_name);
        EXECUTE format('ALTER TABLE %I.%I FORCE ROW LEVEL SECURITY', parent_schema, partition_name);
      END IF;
      created := created + 1;
    END IF;
  END LOOP;
  RETURN created;
END
";

#[cfg(test)]
mod tests {
    use super::super::{HardeningProfile, Pass, harden};
    use crate::model::{
        Column, ColumnType, ForeignKey, Index, IndexMethod, IndexPart, PartitionInterval,
        Partitioning, ReferentialAction, Schema, Table, Unique,
    };

    fn log(partition_column: &str) -> Table {
        let mut t = Table::new("events", "m");
        t.columns = vec![
            Column::new("id", ColumnType::Uuid),
            Column::new("request_id", ColumnType::Uuid),
            Column::new("created_at", ColumnType::TimestampTz),
        ];
        t.primary_key = vec!["id".into()];
        t.uniques = vec![Unique {
            name: "uq_events_request_id".into(),
            columns: vec!["request_id".into()],
        }];
        t.indexes = vec![Index {
            name: "uq_events_id_request".into(),
            parts: vec![IndexPart::column("id"), IndexPart::column("request_id")],
            unique: true,
            method: IndexMethod::Btree,
            predicate: None,
        }];
        t.partition = Some(Partitioning {
            column: partition_column.into(),
            interval: PartitionInterval::Month,
        });
        t
    }

    fn only_partitions() -> HardeningProfile {
        HardeningProfile::none().with(Pass::Partitions, true)
    }

    #[test]
    fn the_partition_column_joins_every_key_and_each_change_is_reported() {
        let (out, report) = harden(Schema::from_tables([log("created_at")]), &only_partitions());
        let t = out.table("events").unwrap();
        assert_eq!(t.primary_key, ["id", "created_at"]);
        assert_eq!(t.uniques[0].columns, ["request_id", "created_at"]);
        let parts: Vec<&str> = t.indexes[0]
            .parts
            .iter()
            .map(|p| p.column.as_str())
            .collect();
        assert_eq!(parts, ["id", "request_id", "created_at"]);
        let names: Vec<&str> = report
            .actions_of(Pass::Partitions)
            .map(|a| a.name.as_str())
            .collect();
        assert_eq!(
            names,
            [
                "create_monthly_partitions",
                "primary key",
                "uq_events_id_request",
                "uq_events_request_id"
            ]
        );
        assert!(out.function("create_monthly_partitions").is_some());
    }

    #[test]
    fn a_missing_partition_column_leaves_the_table_unpartitioned() {
        let (out, report) = harden(Schema::from_tables([log("logged_at")]), &only_partitions());
        let t = out.table("events").unwrap();
        assert!(t.partition.is_none());
        assert_eq!(t.primary_key, ["id"]);
        assert!(out.function("create_monthly_partitions").is_none());
        assert!(
            report
                .findings
                .iter()
                .any(|f| f.detail.contains("`logged_at` is not a column"))
        );
    }

    #[test]
    fn a_foreign_key_into_a_partitioned_table_is_a_finding() {
        let mut child = Table::new("event_notes", "m");
        child.columns = vec![
            Column::new("id", ColumnType::Uuid),
            Column::new("event_id", ColumnType::Uuid),
        ];
        child.primary_key = vec!["id".into()];
        child.foreign_keys = vec![ForeignKey {
            name: "fk_event_notes_event_id".into(),
            columns: vec!["event_id".into()],
            ref_table: "events".into(),
            ref_columns: vec!["id".into()],
            on_delete: ReferentialAction::Cascade,
            on_update: ReferentialAction::NoAction,
        }];
        let (_, report) = harden(
            Schema::from_tables([log("created_at"), child]),
            &only_partitions(),
        );
        assert!(report.findings.iter().any(|f| {
            f.table.as_deref() == Some("event_notes")
                && f.detail.contains("references partitioned table `events`")
        }));
    }
}
