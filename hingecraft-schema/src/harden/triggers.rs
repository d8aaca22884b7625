//! Triggers: `updated_at` stamping and optimistic locking.
//!
//! - `set_updated_at()`, `BEFORE UPDATE` trigger `set_updated_at_<table>`
//!   on every table with a timestamptz `updated_at`: the database, not each
//!   client, keeps it right.
//! - `optimistic_lock()`, `BEFORE UPDATE` trigger `optimistic_lock_<table>`
//!   on every versioned table with an integer `version`.
//!
//! # Optimistic locking
//!
//! An UPDATE must carry the version it read: the client sends
//! `SET ..., version = <the version it read>`. The trigger compares it
//! with the row's current version; if they differ, the row changed since
//! the client read it and the update fails with SQLSTATE `40001`
//! (serialization failure: read again and retry), naming the table and
//! both versions, and changes nothing. Otherwise it sets the new version
//! to the old one plus one. Under concurrent updates of one row, the
//! second UPDATE waits for the first to commit, is re-evaluated against
//! the new row, and so fails: no update is lost.
//!
//! An UPDATE that does not mention `version` keeps `NEW.version =
//! OLD.version` and so passes (and still bumps the version): leaving it
//! out opts out of the check. Typed update helpers of versioned entities
//! must therefore always send the version they read, as the generated
//! `update_versioned` does. The runtime reads the error from SeaORM:
//! `hingecraft_runtime::query::stale_version`.

use super::names::{
    OPTIMISTIC_LOCK_FUNCTION, SET_UPDATED_AT_FUNCTION, optimistic_lock_trigger,
    set_updated_at_trigger,
};
use super::report::{ObjectKind, Recorder};
use super::support::{ensure_function, trigger_function};
use crate::model::{ColumnType, Schema, Table, Trigger, TriggerEvent, TriggerTiming};

pub(super) fn run(schema: &mut Schema, rec: &mut Recorder<'_>) {
    let mut used = (false, false);
    for table in &mut schema.tables {
        if has_column(table, "updated_at", |ty| *ty == ColumnType::TimestampTz) {
            used.0 = true;
            add_trigger(
                table,
                set_updated_at_trigger(&table.name),
                SET_UPDATED_AT_FUNCTION,
                "updated_at is set by the database on every UPDATE",
                rec,
            );
        }
        let integer = |ty: &ColumnType| {
            matches!(
                ty,
                ColumnType::Integer | ColumnType::BigInt | ColumnType::SmallInt
            )
        };
        if table.flags.versioned && has_column(table, "version", integer) {
            used.1 = true;
            add_trigger(
                table,
                optimistic_lock_trigger(&table.name),
                OPTIMISTIC_LOCK_FUNCTION,
                "versioned table: an UPDATE based on a stale version fails",
                rec,
            );
        }
    }
    if used.0 {
        ensure_function(
            schema,
            trigger_function(SET_UPDATED_AT_FUNCTION, SET_UPDATED_AT_BODY.into(), false),
            "stamps updated_at on every UPDATE",
            rec,
        );
    }
    if used.1 {
        ensure_function(
            schema,
            trigger_function(OPTIMISTIC_LOCK_FUNCTION, OPTIMISTIC_LOCK_BODY.into(), false),
            "rejects an UPDATE based on a stale version, then increments the version",
            rec,
        );
    }
}

fn has_column(table: &Table, name: &str, ty: impl Fn(&ColumnType) -> bool) -> bool {
    table.column(name).is_some_and(|c| ty(&c.ty))
}

/// Adds a `BEFORE UPDATE` trigger unless the table has one of that name or
/// one calling that function already.
fn add_trigger(table: &mut Table, name: String, function: &str, why: &str, rec: &mut Recorder<'_>) {
    if table
        .triggers
        .iter()
        .any(|t| t.name == name || t.function == function)
    {
        return;
    }
    rec.added(&table.name, ObjectKind::Trigger, &name, why);
    table.triggers.push(Trigger {
        name,
        timing: TriggerTiming::Before,
        events: vec![TriggerEvent::Update],
        function: function.to_owned(),
    });
}

const SET_UPDATED_AT_BODY: &str = "BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END";

// SQLSTATE 40001 (serialization_failure) is the code clients already retry
// on; TABLE and COLUMN make the table and column readable from the error
// fields, not only from the message.
const OPTIMISTIC_LOCK_BODY: &str = "BEGIN
  IF NEW.version IS DISTINCT FROM OLD.version THEN
    RAISE EXCEPTION USING
      ERRCODE = '40001',
      MESSAGE = format('stale version on %s: the row is at version %s, the update was based on version %s',
                       TG_TABLE_NAME, OLD.version, NEW.version),
      HINT = 'read the row again and retry the update with the version read',
      SCHEMA = TG_TABLE_SCHEMA,
      TABLE = TG_TABLE_NAME,
      COLUMN = 'version';
  END IF;
  NEW.version := OLD.version + 1;
  RETURN NEW;
END";
