//! Row-level security: every table but the public ones shows each session
//! only its rows.
//!
//! # Session settings
//!
//! Policies read three settings the application's connection sets per
//! transaction with `SET LOCAL` (so that a pooled connection never carries
//! them into the next transaction), the conventions'
//! [`session`](crate::model::Conventions::session) settings; by default
//! `app.workspace_id` and `app.user_id` (uuids) and `app.role` (`admin`
//! for an administrator), the names used below. They are trusted
//! like the connection itself: whoever can run SQL on it can set them, so
//! the database role the application uses must never be handed to end
//! users. Each read is a sub-select, `(SELECT NULLIF(current_setting('app.user_id',
//! true), '')::uuid)`, which Postgres evaluates once per query (an
//! init-plan) instead of once per row; `NULLIF` turns an unset setting into
//! NULL, which matches no row, instead of a cast error.
//!
//! # Policies
//!
//! Every table gets `ENABLE` and `FORCE ROW LEVEL SECURITY` (forced, so
//! that the owner, the migration role, is bound too), and, by what it
//! declares:
//!
//! | table                 | policies                                                                    |
//! |-----------------------|-----------------------------------------------------------------------------|
//! | tenant column         | `<t>_workspace_isolation` FOR ALL: tenant = current workspace (USING and WITH CHECK) |
//! | owner column          | `<t>_owner_or_admin` FOR ALL: owner = current user OR admin                 |
//! | tenant and owner      | `<t>_workspace_owner_or_admin` FOR ALL: tenant = current workspace AND (owner = current user OR admin) |
//! | neither, but a NOT NULL foreign key to a tenant or owner table (a child row) | `<t>_via_<parent>` FOR ALL: the parent row is visible (USING and WITH CHECK `EXISTS (SELECT 1 FROM parent WHERE parent.key = t.fk)`; the parent's own policies apply inside the sub-select) |
//! | neither (global)      | `<t>_read_all` FOR SELECT USING (true); `<t>_admin_insert`, `<t>_admin_update`, `<t>_admin_delete`: admin only |
//! | the audit table (`audit_logs`) | `audit_logs_admin_read` FOR SELECT: admin; `audit_logs_trigger_insert` FOR INSERT WITH CHECK (pg_trigger_depth() > 0) |
//! | declared `public`     | none: RLS stays off, and the report lists the table                          |
//!
//! The workspace is the isolation boundary for administrators too: an
//! admin sees every owner's rows, but only in the current workspace. The
//! audit log is append-only: no policy allows UPDATE or DELETE, and rows
//! are only inserted from inside a trigger (`audit_changes()`), never by a
//! statement of the client.
//!
//! Permissive policies combine with OR, so a generic policy added next to
//! a table's own policies would widen what they allow. A table that
//! declares policies of its own therefore keeps exactly those (RLS is
//! still enabled and forced); the report says so. A tenant or owner flag
//! naming a missing column leaves the table with RLS and no policy: it
//! fails closed.

use super::report::{ActionKind, FindingKind, ObjectKind, Recorder};
use super::support::setting;
use crate::model::sql::{quote_ident, quote_literal};
use crate::model::{ColumnType, Conventions, Policy, PolicyCommand, Schema, Table};

pub(super) fn run(schema: &mut Schema, rec: &mut Recorder<'_>) {
    // Tables scoped by a tenant or owner column: their children inherit.
    let scoped: std::collections::BTreeSet<String> = schema
        .tables
        .iter()
        .filter(|t| {
            !t.flags.public && (t.flags.tenant_column.is_some() || t.flags.owner_column.is_some())
        })
        .map(|t| t.name.clone())
        .collect();
    for table in &mut schema.tables {
        if table.flags.public {
            rec.finding(
                Some(&table.name),
                FindingKind::PublicTable,
                "declared public: no row-level security".into(),
            );
            continue;
        }
        if !table.rls_enabled {
            table.rls_enabled = true;
            rec.action(
                Some(&table.name),
                ObjectKind::RowLevelSecurity,
                &table.name,
                ActionKind::Added,
                "enabled and forced: every table not declared public is protected, its owner included",
            );
        }
        let Some(policies) = policies(table, &scoped, rec) else {
            continue;
        };
        let declared: Vec<&str> = table
            .policies
            .iter()
            .map(|p| p.name.as_str())
            .filter(|name| policies.iter().all(|(p, _)| p.name != *name))
            .collect();
        if !declared.is_empty() {
            rec.finding(
                Some(&table.name),
                FindingKind::Kept,
                format!(
                    "declares its own policies ({}); no generic policy added, since permissive policies combine with OR",
                    declared.join(", ")
                ),
            );
            continue;
        }
        for (policy, why) in policies {
            if table.policies.iter().any(|p| p.name == policy.name) {
                continue;
            }
            rec.added(&table.name, ObjectKind::Policy, &policy.name, why);
            table.policies.push(policy);
        }
    }
}

/// The policies a table should have, each with why; `None` (after a
/// finding) when its flags name a missing column.
fn policies(
    table: &Table,
    scoped: &std::collections::BTreeSet<String>,
    rec: &mut Recorder<'_>,
) -> Option<Vec<(Policy, &'static str)>> {
    let flags = &table.flags;
    let conventions = rec.conventions;
    let session = &conventions.session;
    // `column = (current setting)`, or the name of a missing column.
    let condition = |name: &Option<String>, setting: &str| -> Result<Option<String>, String> {
        let Some(name) = name else { return Ok(None) };
        let column = table.column(name).ok_or_else(|| name.clone())?;
        Ok(Some(format!(
            "{} = {}",
            quote_ident(name),
            current(setting, &column.ty)
        )))
    };
    let (tenant, owner) = match (
        condition(&flags.tenant_column, &session.workspace),
        condition(&flags.owner_column, &session.user),
    ) {
        (Ok(t), Ok(o)) => (t, o),
        (Err(missing), _) | (_, Err(missing)) => {
            rec.finding(
                Some(&table.name),
                FindingKind::Misconfigured,
                format!(
                    "`{missing}` is not a column: RLS is on with no policy, so no row is visible"
                ),
            );
            return None;
        }
    };
    let admin = is_admin(conventions);
    let t = &table.name;
    let all = |name: String, expr: String, why| {
        (
            policy(name, PolicyCommand::All, Some(&expr), Some(&expr)),
            why,
        )
    };

    let out = if *t == conventions.audit_table {
        let read = match &tenant {
            Some(tenant) => format!("{tenant} AND {admin}"),
            None => admin.clone(),
        };
        vec![
            (
                policy(
                    format!("{t}_admin_read"),
                    PolicyCommand::Select,
                    Some(&read),
                    None,
                ),
                "the audit log is read by admins only",
            ),
            (
                policy(
                    format!("{t}_trigger_insert"),
                    PolicyCommand::Insert,
                    None,
                    Some("pg_trigger_depth() > 0"),
                ),
                "the audit log is written from the audit trigger only, never by a client statement",
            ),
        ]
    } else {
        match (tenant, owner) {
            (Some(tenant), Some(owner)) => vec![all(
                format!("{t}_workspace_owner_or_admin"),
                format!("{tenant} AND ({owner} OR {admin})"),
                "tenant and owner table: visible in its workspace to its owner and to admins",
            )],
            (Some(tenant), None) => vec![all(
                format!("{t}_workspace_isolation"),
                tenant,
                "tenant table: rows of other workspaces are invisible and unwritable",
            )],
            (None, Some(owner)) => vec![all(
                format!("{t}_owner_or_admin"),
                format!("{owner} OR {admin}"),
                "owner table: visible to its owner and to admins",
            )],
            (None, None) if parent(table, scoped).is_some() => {
                let (fk_col, parent_table, parent_col) = parent(table, scoped).expect("checked");
                let expr = format!(
                    "EXISTS (SELECT 1 FROM {} p WHERE p.{} = {}.{})",
                    quote_ident(parent_table),
                    quote_ident(parent_col),
                    quote_ident(t),
                    quote_ident(fk_col)
                );
                vec![all(
                    format!("{t}_via_{parent_table}"),
                    expr,
                    "child table: a row is visible and writable where its parent row is",
                )]
            }
            (None, None) => {
                let write = "global table: written by admins only";
                vec![
                    (
                        policy(
                            format!("{t}_read_all"),
                            PolicyCommand::Select,
                            Some("true"),
                            None,
                        ),
                        "global table: readable by every session",
                    ),
                    (
                        policy(
                            format!("{t}_admin_insert"),
                            PolicyCommand::Insert,
                            None,
                            Some(&admin),
                        ),
                        write,
                    ),
                    (
                        policy(
                            format!("{t}_admin_update"),
                            PolicyCommand::Update,
                            Some(&admin),
                            Some(&admin),
                        ),
                        write,
                    ),
                    (
                        policy(
                            format!("{t}_admin_delete"),
                            PolicyCommand::Delete,
                            Some(&admin),
                            None,
                        ),
                        write,
                    ),
                ]
            }
        }
    };
    Some(
        out.into_iter()
            .map(|(mut p, why)| {
                p.name = crate::model::naming::shorten(p.name);
                (p, why)
            })
            .collect(),
    )
}

/// The first NOT NULL single-column foreign key to a tenant or owner table
/// (by column name, for determinism): `(column, parent table, parent column)`.
fn parent<'a>(
    table: &'a Table,
    scoped: &std::collections::BTreeSet<String>,
) -> Option<(&'a str, &'a str, &'a str)> {
    let mut candidates: Vec<(&str, &str, &str)> = table
        .foreign_keys
        .iter()
        .filter(|fk| {
            fk.columns.len() == 1 && fk.ref_table != table.name && scoped.contains(&fk.ref_table)
        })
        .filter(|fk| table.column(&fk.columns[0]).is_some_and(|c| !c.nullable))
        .map(|fk| {
            (
                fk.columns[0].as_str(),
                fk.ref_table.as_str(),
                fk.ref_columns[0].as_str(),
            )
        })
        .collect();
    candidates.sort();
    candidates.into_iter().next()
}

fn policy(
    name: String,
    command: PolicyCommand,
    using: Option<&str>,
    check: Option<&str>,
) -> Policy {
    Policy {
        name,
        command,
        roles: Vec::new(),
        using: using.map(str::to_owned),
        with_check: check.map(str::to_owned),
    }
}

/// The current workspace or user, read once per query, cast to the
/// column's type so the comparison can use an index on the column.
fn current(name: &str, ty: &ColumnType) -> String {
    let cast = match ty {
        ColumnType::Uuid | ColumnType::Integer | ColumnType::BigInt | ColumnType::SmallInt => {
            format!("::{}", ty.display_name())
        }
        _ => String::new(),
    };
    format!("(SELECT {}{cast})", setting(name))
}

/// Whether the session is an administrator's: its role setting holds the
/// administrator role.
fn is_admin(conventions: &Conventions) -> String {
    format!(
        "(SELECT current_setting({}, true)) = {}",
        quote_literal(&conventions.session.role),
        quote_literal(&conventions.session.admin_role)
    )
}
