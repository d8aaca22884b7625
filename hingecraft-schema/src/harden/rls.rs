//! Row-level security: every table but the public ones shows each session
//! only its rows.
//!
//! # The verified scope
//!
//! Policies never read a session setting. The application sets one per
//! transaction, a token it signs with a key (`app.scope` by default, the
//! conventions' [`session`](crate::model::Conventions::session)); hardening
//! adds the key table and the functions that verify it (see
//! [`scope`](super::scope)), and policies call the readers of the verified
//! scope as sub-selects, `(SELECT scope_workspace_id())`, which Postgres
//! evaluates once per statement (an init-plan) instead of once per row.
//! Without a token the readers return NULL (and false), which matches no
//! row; a token that does not verify is an error. A session that sets
//! `app.workspace_id`, `app.role` or a token of its own making gains
//! nothing: it has no key.
//!
//! # Policies
//!
//! Every table gets `ENABLE` and `FORCE ROW LEVEL SECURITY` (forced, so
//! that the owner, the migration role, is bound too), and, by what it
//! declares (`ws` is the verified workspace, `user` the verified user,
//! `ws_admin` and `platform_admin` the two administrator claims, kept
//! apart; the membership table is the conventions'
//! [`membership`](crate::model::Conventions::membership), `workspace_members`):
//!
//! | table                 | policies                                                                    |
//! |-----------------------|-----------------------------------------------------------------------------|
//! | tenant column         | `<t>_workspace_isolation` FOR ALL: tenant = ws (USING and WITH CHECK)       |
//! | owner column          | `<t>_owner_or_admin` FOR ALL: owner = user OR (ws_admin AND the owner is a member of ws); without a membership table `<t>_owner_only`: owner = user |
//! | tenant and owner      | `<t>_workspace_owner_or_admin` FOR ALL: tenant = ws AND (owner = user OR ws_admin) |
//! | neither, but a NOT NULL foreign key to a tenant or owner table (a child row) | `<t>_via_<parent>` FOR ALL: the parent row is visible (USING and WITH CHECK `EXISTS (SELECT 1 FROM parent WHERE parent.key = t.fk)`; the parent's own policies apply inside the sub-select) |
//! | the users table (`users`, with a membership table) | `users_self_or_member` FOR SELECT: id = user OR platform_admin OR the user is a member of ws; `users_self_update`: id = user OR platform_admin; insert and delete: platform_admin |
//! | neither (global)      | `<t>_read_all` FOR SELECT USING (true); `<t>_admin_insert`, `<t>_admin_update`, `<t>_admin_delete`: platform_admin only |
//! | the audit table (`audit_logs`) | `audit_logs_admin_read` FOR SELECT: platform_admin (with a tenant column: tenant = ws AND ws_admin); `audit_logs_trigger_insert` FOR INSERT WITH CHECK (pg_trigger_depth() > 0) |
//! | the key table (`scope_keys`) | its own `scope_keys_owner_only`: the table's owner only |
//! | declared `public`     | none: RLS stays off, and the report lists the table                          |
//!
//! The workspace is the isolation boundary for administrators too: a
//! workspace administrator sees every owner's rows, but only in the
//! current workspace, and on a table with an owner but no tenant column
//! only the rows of the workspace's members. The audit log is
//! append-only: no policy allows UPDATE or DELETE, and rows are only
//! inserted from inside a trigger (`audit_changes()`), never by a
//! statement of the client.
//!
//! Permissive policies combine with OR, so a generic policy added next to
//! a table's own policies would widen what they allow. A table that
//! declares policies of its own therefore keeps exactly those (RLS is
//! still enabled and forced); the report says so. A tenant or owner flag
//! naming a missing column leaves the table with RLS and no policy: it
//! fails closed.

use super::report::{ActionKind, FindingKind, ObjectKind, Recorder};
use crate::model::sql::{bare_or_quoted, quote_ident};
use crate::model::{
    ColumnType, Conventions, Membership, Policy, PolicyCommand, Schema, SessionSettings, Table,
};

pub(super) fn run(schema: &mut Schema, rec: &mut Recorder<'_>) {
    let membership = membership(schema, rec.conventions);
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
        let Some(policies) = policies(table, &scoped, membership.as_ref(), rec) else {
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
    membership: Option<&Membership>,
    rec: &mut Recorder<'_>,
) -> Option<Vec<(Policy, &'static str)>> {
    let flags = &table.flags;
    let conventions = rec.conventions;
    let session = &conventions.session;
    // `column = (verified scope)`, or the name of a missing column.
    let condition = |name: &Option<String>, function: &str| -> Result<Option<String>, String> {
        let Some(name) = name else { return Ok(None) };
        let column = table.column(name).ok_or_else(|| name.clone())?;
        // The scope holds uuids; a column of another type is compared as
        // text (no index on it helps then).
        let column = match column.ty {
            ColumnType::Uuid => quote_ident(name),
            _ => format!("{}::text", quote_ident(name)),
        };
        Ok(Some(format!(
            "{column} = {}",
            current(function, &column_ty(table, name))
        )))
    };
    let (tenant, owner) = match (
        condition(&flags.tenant_column, &session.workspace_function),
        condition(&flags.owner_column, &session.user_function),
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
    let admin = claim(&session.workspace_admin_function);
    let platform_admin = claim(&session.platform_admin_function);
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
            None => platform_admin.clone(),
        };
        vec![
            (
                policy(
                    format!("{t}_admin_read"),
                    PolicyCommand::Select,
                    Some(&read),
                    None,
                ),
                "the audit log is read by administrators only: of the workspace for its rows when it has a tenant column, else of the platform",
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
                "tenant and owner table: visible in its workspace to its owner and to the workspace's administrators",
            )],
            (Some(tenant), None) => vec![all(
                format!("{t}_workspace_isolation"),
                tenant,
                "tenant table: rows of other workspaces are invisible and unwritable",
            )],
            (None, Some(owner)) => {
                let owner_column = flags.owner_column.as_deref().expect("an owner condition");
                match membership {
                    Some(m) => vec![all(
                        format!("{t}_owner_or_admin"),
                        format!(
                            "{owner} OR ({admin} AND {})",
                            member_of_workspace(
                                m,
                                session,
                                &format!("{}.{}", quote_ident(t), quote_ident(owner_column))
                            )
                        ),
                        "owner table: visible to its owner, and to administrators of a workspace the owner is a member of, within it",
                    )],
                    None => vec![all(
                        format!("{t}_owner_only"),
                        owner,
                        "owner table: visible to its owner only (no membership table bounds administrators)",
                    )],
                }
            }
            (None, None) if membership.is_some_and(|m| m.users_table == *t) => {
                let m = membership.expect("checked");
                let user = current(&session.user_function, &ColumnType::Uuid);
                let visible = format!(
                    "\"id\" = {user} OR {platform_admin} OR {}",
                    member_of_workspace(m, session, &format!("{}.\"id\"", quote_ident(t)))
                );
                let write = "users table: written by platform administrators";
                vec![
                    (
                        policy(
                            format!("{t}_self_or_member"),
                            PolicyCommand::Select,
                            Some(&visible),
                            None,
                        ),
                        "users table: a user's row is visible to that user and to members of the current workspace it belongs to",
                    ),
                    (
                        policy(
                            format!("{t}_platform_admin_insert"),
                            PolicyCommand::Insert,
                            None,
                            Some(&platform_admin),
                        ),
                        write,
                    ),
                    (
                        policy(
                            format!("{t}_self_update"),
                            PolicyCommand::Update,
                            Some(&format!("\"id\" = {user} OR {platform_admin}")),
                            Some(&format!("\"id\" = {user} OR {platform_admin}")),
                        ),
                        "users table: a user changes their own row; platform administrators any",
                    ),
                    (
                        policy(
                            format!("{t}_platform_admin_delete"),
                            PolicyCommand::Delete,
                            Some(&platform_admin),
                            None,
                        ),
                        write,
                    ),
                ]
            }
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
                let write = "global table: written by platform administrators only";
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
                            Some(&platform_admin),
                        ),
                        write,
                    ),
                    (
                        policy(
                            format!("{t}_admin_update"),
                            PolicyCommand::Update,
                            Some(&platform_admin),
                            Some(&platform_admin),
                        ),
                        write,
                    ),
                    (
                        policy(
                            format!("{t}_admin_delete"),
                            PolicyCommand::Delete,
                            Some(&platform_admin),
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

/// The verified workspace or user, read once per statement (a sub-select
/// is an init-plan): a uuid, so the comparison with a uuid column can use
/// an index on it; text for a column of another type.
fn current(function: &str, ty: &ColumnType) -> String {
    let cast = match ty {
        ColumnType::Uuid => "",
        _ => "::text",
    };
    format!("(SELECT {}(){cast})", bare_or_quoted(function))
}

fn column_ty(table: &Table, column: &str) -> ColumnType {
    table
        .column(column)
        .map_or(ColumnType::Uuid, |c| c.ty.clone())
}

/// A claim of the verified scope (an administrator's), once per statement.
fn claim(function: &str) -> String {
    format!("(SELECT {}())", bare_or_quoted(function))
}

/// The membership table, when the schema has it and the users table with
/// the columns the conventions name.
fn membership(schema: &Schema, conventions: &Conventions) -> Option<Membership> {
    let m = &conventions.membership;
    let table = schema.table(&m.table)?;
    let ok = table.column(&m.workspace_column).is_some()
        && table.column(&m.user_column).is_some()
        && schema
            .table(&m.users_table)
            .is_some_and(|u| u.column("id").is_some());
    ok.then(|| m.clone())
}

/// `EXISTS` a membership row of `user` (a SQL expression) in the verified
/// workspace. The membership table's own policies apply inside.
fn member_of_workspace(m: &Membership, session: &SessionSettings, user: &str) -> String {
    format!(
        "EXISTS (SELECT 1 FROM {} m WHERE m.{} = {} AND m.{} = {user})",
        quote_ident(&m.table),
        quote_ident(&m.workspace_column),
        current(&session.workspace_function, &ColumnType::Uuid),
        quote_ident(&m.user_column),
    )
}
