//! Hand-made schemas for the hardening tests, shaped like the HingeCraft
//! tables (users, workspaces, workspace members) and the seed's production
//! `accounts`, plus the helpers that apply them to Postgres.
#![allow(dead_code)]

use hingecraft_schema::model::{
    Check, CheckKind, Column, ColumnType, DefaultValue, Extension, ForeignKey, Function,
    FunctionArg, Literal, PartitionInterval, Partitioning, ReferentialAction, Schema, Table,
    Unique, View, Volatility, naming,
};
use hingecraft_schema::render::{Dialect, Postgres};
use sea_orm::{ConnectionTrait, DbErr};

pub(crate) fn text(s: &str) -> Literal {
    Literal::Text(s.into())
}

pub(crate) fn id() -> Column {
    Column::new("id", ColumnType::Uuid).default(DefaultValue::RandomUuid)
}

pub(crate) fn fk(
    table: &str,
    column: &str,
    ref_table: &str,
    on_delete: ReferentialAction,
) -> ForeignKey {
    ForeignKey {
        name: naming::foreign_key(table, &[column]),
        columns: vec![column.into()],
        ref_table: ref_table.into(),
        ref_columns: vec!["id".into()],
        on_delete,
        on_update: ReferentialAction::NoAction,
    }
}

pub(crate) fn one_of(table: &str, column: &str, values: &[&str]) -> Check {
    Check {
        name: naming::check(table, column, "in"),
        kind: CheckKind::OneOf {
            column: column.into(),
            values: values.iter().map(|v| text(v)).collect(),
        },
    }
}

pub(crate) fn unique(table: &str, columns: &[&str]) -> Unique {
    Unique {
        name: naming::unique(table, columns),
        columns: columns.iter().map(|c| (*c).into()).collect(),
    }
}

fn table(name: &str, module: &str, doc: &str) -> Table {
    let mut t = Table::new(name, module);
    t.doc = Some(doc.into());
    t.primary_key = vec!["id".into()];
    t
}

/// Like `hingecraft-entities`' users: audited, soft-deleted, timestamps declared.
pub(crate) fn users() -> Table {
    let mut t = table(
        "users",
        "master",
        "A person with an account on the platform.",
    );
    t.columns = vec![
        id(),
        Column::new("email", ColumnType::Varchar { len: 255 }).doc("Login e-mail, lower-case."),
        Column::new("username", ColumnType::Varchar { len: 50 })
            .nullable()
            .doc("Public handle."),
        Column::new("display_name", ColumnType::Varchar { len: 255 }).nullable(),
        Column::new("status", ColumnType::Text)
            .default(DefaultValue::Literal(text("active")))
            .doc("Lifecycle of the account."),
        Column::new("metadata", ColumnType::Jsonb)
            .default(DefaultValue::Literal(text("{}")))
            .doc("Free-form attributes."),
        Column::new("created_at", ColumnType::TimestampTz).default(DefaultValue::Now),
        Column::new("updated_at", ColumnType::TimestampTz).default(DefaultValue::Now),
        Column::new("deleted_at", ColumnType::TimestampTz).nullable(),
    ];
    t.uniques = vec![unique("users", &["email"]), unique("users", &["username"])];
    t.checks = vec![one_of(
        "users",
        "status",
        &["active", "suspended", "deactivated"],
    )];
    t.flags.audit = true;
    t.flags.soft_delete = true;
    t.flags.timestamps = true;
    t
}

/// A workspace: global (no tenant, no owner flag).
pub(crate) fn workspaces() -> Table {
    let mut t = table("workspaces", "codex", "A team's shared space.");
    t.columns = vec![
        id(),
        Column::new("name", ColumnType::Text).doc("Shown in the switcher."),
        Column::new("slug", ColumnType::Varchar { len: 64 }).doc("URL segment."),
        Column::new("created_by_user_id", ColumnType::Uuid).nullable(),
    ];
    t.uniques = vec![unique("workspaces", &["slug"])];
    t.foreign_keys = vec![fk(
        "workspaces",
        "created_by_user_id",
        "users",
        ReferentialAction::SetNull,
    )];
    t.flags.timestamps = true;
    t
}

/// Like `hingecraft-entities`' workspace_members: a tenant table.
pub(crate) fn workspace_members() -> Table {
    let mut t = table(
        "workspace_members",
        "codex",
        "A user's membership of a workspace.",
    );
    t.columns = vec![
        id(),
        Column::new("workspace_id", ColumnType::Uuid).doc("The workspace."),
        Column::new("user_id", ColumnType::Uuid).doc("The member."),
        Column::new("role", ColumnType::Text).default(DefaultValue::Literal(text("member"))),
        Column::new("status", ColumnType::Text).default(DefaultValue::Literal(text("invited"))),
    ];
    t.uniques = vec![unique("workspace_members", &["workspace_id", "user_id"])];
    t.foreign_keys = vec![
        fk(
            "workspace_members",
            "workspace_id",
            "workspaces",
            ReferentialAction::Cascade,
        ),
        fk(
            "workspace_members",
            "user_id",
            "users",
            ReferentialAction::Cascade,
        ),
    ];
    t.checks = vec![
        one_of(
            "workspace_members",
            "role",
            &["owner", "admin", "member", "viewer"],
        ),
        one_of(
            "workspace_members",
            "status",
            &["invited", "active", "removed"],
        ),
    ];
    t.flags.audit = true;
    t.flags.timestamps = true;
    t.flags.tenant_column = Some("workspace_id".into());
    t
}

/// The seed's production `accounts`, as a canonical module declares it:
/// `created_by` NOT NULL and `updated_at` nullable are kept as they are.
pub(crate) fn accounts() -> Table {
    let mut t = table("accounts", "account-management", "A customer account.");
    t.columns = vec![
        id(),
        Column::new("account_number", ColumnType::Varchar { len: 20 }),
        Column::new("name", ColumnType::Varchar { len: 255 }),
        Column::new("type", ColumnType::Varchar { len: 50 }),
        Column::new("status", ColumnType::Varchar { len: 50 })
            .default(DefaultValue::Literal(text("Active"))),
        Column::new("email", ColumnType::Varchar { len: 255 }).nullable(),
        Column::new("owner_id", ColumnType::Uuid),
        Column::new("parent_account_id", ColumnType::Uuid).nullable(),
        Column::new("created_at", ColumnType::TimestampTz).default(DefaultValue::Now),
        Column::new("created_by", ColumnType::Uuid),
        Column::new("updated_at", ColumnType::TimestampTz).nullable(),
    ];
    t.uniques = vec![unique("accounts", &["account_number"])];
    t.foreign_keys = vec![
        fk("accounts", "owner_id", "users", ReferentialAction::NoAction),
        fk(
            "accounts",
            "parent_account_id",
            "accounts",
            ReferentialAction::SetNull,
        ),
        fk(
            "accounts",
            "created_by",
            "users",
            ReferentialAction::NoAction,
        ),
    ];
    t.checks = vec![
        one_of(
            "accounts",
            "type",
            &["Residential", "Commercial", "Industrial"],
        ),
        one_of("accounts", "status", &["Active", "Inactive"]),
    ];
    t.flags.audit = true;
    t.flags.soft_delete = true;
    t.flags.versioned = true;
    t.flags.timestamps = true;
    t.flags.owner_column = Some("owner_id".into());
    t
}

/// A tenant table with an owner too, versioned: its tenant column is
/// declared nullable (hardening makes it NOT NULL).
pub(crate) fn notes() -> Table {
    let mut t = table("notes", "codex", "A note in a workspace.");
    t.columns = vec![
        id(),
        Column::new("workspace_id", ColumnType::Uuid).nullable(),
        Column::new("author_id", ColumnType::Uuid),
        Column::new("title", ColumnType::Text),
        Column::new("counter", ColumnType::Integer).default(DefaultValue::Literal(Literal::Int(0))),
    ];
    t.foreign_keys = vec![
        fk(
            "notes",
            "workspace_id",
            "workspaces",
            ReferentialAction::Cascade,
        ),
        fk("notes", "author_id", "users", ReferentialAction::Cascade),
    ];
    t.flags.audit = true;
    t.flags.versioned = true;
    t.flags.timestamps = true;
    t.flags.tenant_column = Some("workspace_id".into());
    t.flags.owner_column = Some("author_id".into());
    t
}

/// An audited table with a composite primary key.
pub(crate) fn note_tags() -> Table {
    let mut t = table("note_tags", "codex", "A tag on a note.");
    t.columns = vec![
        Column::new("note_id", ColumnType::Uuid),
        Column::new("tag", ColumnType::Text),
    ];
    t.primary_key = vec!["note_id".into(), "tag".into()];
    t.foreign_keys = vec![fk(
        "note_tags",
        "note_id",
        "notes",
        ReferentialAction::Cascade,
    )];
    t.flags.audit = true;
    t
}

/// A global lookup table: no tenant, no owner, not public.
pub(crate) fn countries() -> Table {
    let mut t = table("countries", "master", "A country.");
    t.columns = vec![
        Column::new("code", ColumnType::Varchar { len: 2 }),
        Column::new("name", ColumnType::Text),
    ];
    t.primary_key = vec!["code".into()];
    t
}

/// A table readable by everyone on purpose.
pub(crate) fn release_notes() -> Table {
    let mut t = table("release_notes", "master", "What changed in a release.");
    t.columns = vec![id(), Column::new("body", ColumnType::Text)];
    t.flags.public = true;
    t
}

/// An append-only log partitioned by month, its keys declared with the
/// partition column (so it renders unhardened too).
pub(crate) fn page_views() -> Table {
    let mut t = table("page_views", "master", "One page view in a workspace.");
    t.columns = vec![
        id(),
        Column::new("workspace_id", ColumnType::Uuid),
        Column::new("request_id", ColumnType::Uuid),
        Column::new("path", ColumnType::Text),
        Column::new("created_at", ColumnType::TimestampTz).default(DefaultValue::Now),
    ];
    t.foreign_keys = vec![fk(
        "page_views",
        "workspace_id",
        "workspaces",
        ReferentialAction::Cascade,
    )];
    t.primary_key = vec!["id".into(), "created_at".into()];
    t.uniques = vec![unique("page_views", &["request_id", "created_at"])];
    t.flags.tenant_column = Some("workspace_id".into());
    t.partition = Some(Partitioning {
        column: "created_at".into(),
        interval: PartitionInterval::Month,
    });
    t
}

/// Notes per workspace, materialized.
pub(crate) fn note_counts() -> View {
    View {
        name: "note_counts".into(),
        doc: Some("Notes per workspace.".into()),
        module: "master".into(),
        materialized: true,
        query: "SELECT workspace_id, count(*) AS notes FROM notes GROUP BY workspace_id".into(),
        columns: vec![
            Column::new("workspace_id", ColumnType::Uuid).doc("The workspace."),
            Column::new("notes", ColumnType::BigInt).doc("Its notes."),
        ],
        depends_on: vec!["notes".into()],
        unique_key: vec!["workspace_id".into()],
    }
}

/// A function using an extension, and one without a `search_path`.
pub(crate) fn functions() -> Vec<Function> {
    let sql = |name: &str, body: &str| Function {
        name: name.into(),
        doc: None,
        args: vec![FunctionArg {
            name: "value".into(),
            ty: "text".into(),
            default: None,
        }],
        returns: "text".into(),
        language: "sql".into(),
        body: body.into(),
        volatility: Volatility::Immutable,
        security_definer: false,
        search_path: Vec::new(),
    };
    vec![
        sql("normalize_email", "SELECT lower(trim(value))"),
        sql(
            "hash_token",
            "SELECT encode(digest(value, 'sha256'), 'hex')",
        ),
    ]
}

/// Every fixture table, the functions, and pgcrypto declared in `public`.
pub(crate) fn schema() -> Schema {
    Schema {
        extensions: vec![Extension {
            name: "pgcrypto".into(),
            schema: "public".into(),
            optional: false,
        }],
        functions: functions(),
        views: vec![note_counts()],
        tables: vec![
            users(),
            workspaces(),
            workspace_members(),
            accounts(),
            notes(),
            note_tags(),
            countries(),
            release_notes(),
            page_views(),
        ],
    }
}

/// Runs every statement of the schema's Postgres DDL, in order.
pub(crate) async fn apply(conn: &impl ConnectionTrait, schema: &Schema) {
    let ddl = Postgres
        .render(schema)
        .expect("the hardened schema renders");
    for statement in &ddl.statements {
        if let Err(e) = conn.execute_unprepared(statement).await {
            panic!("{e}\n  in: {statement}");
        }
    }
}

/// The SQLSTATE of a database error.
pub(crate) fn sqlstate(err: &DbErr) -> Option<String> {
    use sea_orm::{RuntimeErr, sqlx};
    let (DbErr::Exec(RuntimeErr::SqlxError(e)) | DbErr::Query(RuntimeErr::SqlxError(e))) = err
    else {
        return None;
    };
    match &**e {
        sqlx::Error::Database(db) => db.code().map(|c| c.into_owned()),
        _ => None,
    }
}

/// Runs one statement, panicking with it on failure.
pub(crate) async fn exec(conn: &impl ConnectionTrait, sql: &str) {
    if let Err(e) = conn.execute_unprepared(sql).await {
        panic!("{e}\n  in: {sql}");
    }
}

/// The first column of the first row of a query.
pub(crate) async fn scalar<T: sea_orm::TryGetable>(conn: &impl ConnectionTrait, sql: &str) -> T {
    let stmt = sea_orm::Statement::from_string(sea_orm::DbBackend::Postgres, sql);
    let row = conn
        .query_one_raw(stmt)
        .await
        .unwrap_or_else(|e| panic!("{e}\n  in: {sql}"))
        .unwrap_or_else(|| panic!("no row\n  in: {sql}"));
    row.try_get_by_index(0)
        .unwrap_or_else(|e| panic!("{e}\n  in: {sql}"))
}

/// Adds a signing key to the hardened schema's key table (as whoever runs
/// it: the superuser or the owner can).
#[allow(dead_code)]
pub(crate) async fn add_key(conn: &impl ConnectionTrait) {
    exec(
        conn,
        &format!(
            "INSERT INTO scope_keys (key_id, secret) VALUES ('fixture', '\\x{}')",
            "3c".repeat(32)
        ),
    )
    .await;
}

/// Sets, for the rest of the transaction, a scope token the schema's own
/// signer makes (readable keys: the superuser or the owner only).
#[allow(dead_code)]
pub(crate) async fn sign_in(
    conn: &impl ConnectionTrait,
    workspace: Option<uuid::Uuid>,
    user: Option<uuid::Uuid>,
    claims: &str,
) {
    let uuid = |u: Option<uuid::Uuid>| u.map_or("NULL".to_owned(), |u| format!("'{u}'"));
    exec(
        conn,
        &format!(
            "SELECT set_config('app.scope', scope_sign({}, {}, '{claims}'), true)",
            uuid(workspace),
            uuid(user)
        ),
    )
    .await;
}
