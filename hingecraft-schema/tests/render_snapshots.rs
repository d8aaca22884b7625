//! Snapshots of the DDL both dialects render for a representative schema,
//! and the renderer's guarantees: determinism, cycles, quoting, errors.

use hingecraft_schema::model::{
    Check, CheckKind, Column, ColumnType, DefaultValue, Extension, ForeignKey, Function,
    FunctionArg, Index, IndexMethod, IndexPart, Literal, Policy, PolicyCommand, ReferentialAction,
    Schema, Table, Trigger, TriggerEvent, TriggerTiming, Unique, Volatility,
};
use hingecraft_schema::render::{
    Ddl, Dialect, Postgres, RenderError, Skipped, Sqlite, dependency_order,
};

fn fk(name: &str, column: &str, ref_table: &str, on_delete: ReferentialAction) -> ForeignKey {
    ForeignKey {
        name: name.into(),
        columns: vec![column.into()],
        ref_table: ref_table.into(),
        ref_columns: vec!["id".into()],
        on_delete,
        on_update: ReferentialAction::NoAction,
    }
}

fn check(name: &str, kind: CheckKind) -> Check {
    Check {
        name: name.into(),
        kind,
    }
}

fn index(name: &str, parts: &[(&str, Option<&str>)], method: IndexMethod) -> Index {
    Index {
        name: name.into(),
        parts: parts
            .iter()
            .map(|(c, o)| IndexPart {
                column: (*c).into(),
                opclass: o.map(Into::into),
            })
            .collect(),
        unique: false,
        method,
        predicate: None,
    }
}

fn text(s: &str) -> Literal {
    Literal::Text(s.into())
}

fn id() -> Column {
    Column::new("id", ColumnType::Uuid).default(DefaultValue::RandomUuid)
}

fn users() -> Table {
    let mut t = Table::new("users", "account-management");
    t.doc = Some("A person who can sign in.".into());
    t.columns = vec![
        id(),
        Column::new("email", ColumnType::Varchar { len: 320 }).doc("The user's sign-in address."),
        Column::new("display_name", ColumnType::Text)
            .nullable()
            .doc("How others see the user."),
        Column::new("status", ColumnType::Text).default(DefaultValue::Literal(text("active"))),
        Column::new("default_workspace_id", ColumnType::Uuid).nullable(),
        Column::new("created_at", ColumnType::TimestampTz).default(DefaultValue::Now),
        Column::new("updated_at", ColumnType::TimestampTz).default(DefaultValue::Now),
        Column::new("deleted_at", ColumnType::TimestampTz).nullable(),
    ];
    t.primary_key = vec!["id".into()];
    // Closes the cycle users <-> workspaces.
    t.foreign_keys = vec![fk(
        "fk_users_default_workspace_id",
        "default_workspace_id",
        "workspaces",
        ReferentialAction::SetNull,
    )];
    t.checks = vec![check(
        "ck_users_status",
        CheckKind::OneOf {
            column: "status".into(),
            values: vec![text("active"), text("suspended"), text("deleted")],
        },
    )];
    t.indexes = vec![Index {
        unique: true,
        predicate: Some("deleted_at IS NULL".into()),
        ..index(
            "uq_users_email_live",
            &[("email", None)],
            IndexMethod::Btree,
        )
    }];
    t.rls_enabled = true;
    t.policies = vec![Policy {
        name: "users_self".into(),
        command: PolicyCommand::All,
        roles: vec!["app_user".into()],
        using: Some("id = current_user_id()".into()),
        with_check: Some("id = current_user_id()".into()),
    }];
    t.triggers = vec![Trigger {
        name: "trg_users_updated_at".into(),
        timing: TriggerTiming::Before,
        events: vec![TriggerEvent::Update, TriggerEvent::Insert],
        function: "set_updated_at".into(),
    }];
    t
}

fn workspaces() -> Table {
    let mut t = Table::new("workspaces", "workspace");
    t.doc = Some("A shared space that owns documents.".into());
    t.columns = vec![
        id(),
        Column::new("slug", ColumnType::Varchar { len: 64 }),
        Column::new("name", ColumnType::Text),
        Column::new("owner_id", ColumnType::Uuid),
        Column::new("settings", ColumnType::Jsonb).default(DefaultValue::Literal(text("{}"))),
        Column::new("max_members", ColumnType::Integer)
            .default(DefaultValue::Literal(Literal::Int(10))),
        Column::new("tags", ColumnType::TextArray).nullable(),
        Column::new("created_at", ColumnType::TimestampTz).default(DefaultValue::Now),
    ];
    t.primary_key = vec!["id".into()];
    t.foreign_keys = vec![fk(
        "fk_workspaces_owner_id",
        "owner_id",
        "users",
        ReferentialAction::Restrict,
    )];
    t.uniques = vec![Unique {
        name: "uq_workspaces_slug".into(),
        columns: vec!["slug".into()],
    }];
    t.checks = vec![
        check(
            "ck_workspaces_max_members",
            CheckKind::Range {
                column: "max_members".into(),
                min: Some(1),
                max: Some(1000),
            },
        ),
        check(
            "ck_workspaces_slug_format",
            CheckKind::Sql("slug ~ '^[a-z0-9-]+$'".into()),
        ),
        check(
            "ck_workspaces_slug_length",
            CheckKind::MaxLength {
                column: "slug".into(),
                max: 64,
            },
        ),
    ];
    t.indexes = vec![index(
        "idx_workspaces_settings",
        &[("settings", Some("jsonb_path_ops"))],
        IndexMethod::Gin,
    )];
    t.rls_enabled = true;
    t.policies = vec![Policy {
        name: "workspaces_member_read".into(),
        command: PolicyCommand::Select,
        roles: vec![],
        using: Some("is_workspace_member(id)".into()),
        with_check: None,
    }];
    t
}

fn workspace_members() -> Table {
    let mut t = Table::new("workspace_members", "workspace");
    t.columns = vec![
        Column::new("workspace_id", ColumnType::Uuid),
        Column::new("user_id", ColumnType::Uuid),
        Column::new("role", ColumnType::Text).default(DefaultValue::Literal(text("member"))),
        Column::new("joined_at", ColumnType::TimestampTz).default(DefaultValue::Now),
    ];
    t.primary_key = vec!["workspace_id".into(), "user_id".into()];
    t.foreign_keys = vec![
        fk(
            "fk_workspace_members_workspace_id",
            "workspace_id",
            "workspaces",
            ReferentialAction::Cascade,
        ),
        fk(
            "fk_workspace_members_user_id",
            "user_id",
            "users",
            ReferentialAction::Cascade,
        ),
    ];
    t.checks = vec![check(
        "ck_workspace_members_role",
        CheckKind::OneOf {
            column: "role".into(),
            values: vec![text("owner"), text("admin"), text("member")],
        },
    )];
    t.indexes = vec![index(
        "idx_workspace_members_user_id",
        &[("user_id", None)],
        IndexMethod::Btree,
    )];
    t
}

/// Every remaining column type, a self-reference and the indexes SQLite lacks.
fn documents() -> Table {
    let mut t = Table::new("documents", "codex");
    t.columns = vec![
        id(),
        Column::new("workspace_id", ColumnType::Uuid),
        Column::new("parent_id", ColumnType::Uuid).nullable(),
        Column::new("path", ColumnType::Ltree).nullable(),
        Column::new("title", ColumnType::Text),
        Column::new("search", ColumnType::TsVector)
            .nullable()
            .default(DefaultValue::Sql("to_tsvector('simple', '')".into())),
        Column::new("embedding", ColumnType::Vector { dim: 3 })
            .nullable()
            .doc("Meaning of the title, for similarity."),
        Column::new("priority", ColumnType::SmallInt)
            .default(DefaultValue::Literal(Literal::Int(0))),
        Column::new("revision", ColumnType::BigInt).default(DefaultValue::Literal(Literal::Int(1))),
        Column::new("weight", ColumnType::Real).nullable(),
        Column::new("score", ColumnType::Double).nullable(),
        Column::new(
            "price",
            ColumnType::Numeric {
                precision: 10,
                scale: 2,
            },
        )
        .nullable(),
        Column::new("is_pinned", ColumnType::Boolean)
            .default(DefaultValue::Literal(Literal::Bool(false))),
        Column::new("published_on", ColumnType::Date).default(DefaultValue::Now),
        Column::new("attachment", ColumnType::Bytea).nullable(),
    ];
    t.primary_key = vec!["id".into()];
    t.foreign_keys = vec![
        fk(
            "fk_documents_workspace_id",
            "workspace_id",
            "workspaces",
            ReferentialAction::Cascade,
        ),
        fk(
            "fk_documents_parent_id",
            "parent_id",
            "documents",
            ReferentialAction::Cascade,
        ),
    ];
    t.checks = vec![
        check(
            "ck_documents_priority",
            CheckKind::Range {
                column: "priority".into(),
                min: Some(0),
                max: None,
            },
        ),
        check(
            "ck_documents_title_length",
            CheckKind::MaxLength {
                column: "title".into(),
                max: 200,
            },
        ),
    ];
    t.indexes = vec![
        index(
            "idx_documents_embedding",
            &[("embedding", Some("vector_cosine_ops"))],
            IndexMethod::Hnsw,
        ),
        index("idx_documents_path", &[("path", None)], IndexMethod::Gist),
        index(
            "idx_documents_search",
            &[("search", None)],
            IndexMethod::Gin,
        ),
        index(
            "idx_documents_title_pattern",
            &[("title", Some("text_pattern_ops"))],
            IndexMethod::Btree,
        ),
        Index {
            predicate: Some("length(title) > 0".into()),
            ..index(
                "idx_documents_titled",
                &[("workspace_id", None)],
                IndexMethod::Btree,
            )
        },
        Index {
            predicate: Some("is_pinned = TRUE".into()),
            ..index(
                "idx_documents_pinned",
                &[("workspace_id", None), ("priority", None)],
                IndexMethod::Btree,
            )
        },
    ];
    t
}

fn functions() -> Vec<Function> {
    vec![
        Function {
            name: "set_updated_at".into(),
            doc: Some("Stamps `updated_at` on every write.".into()),
            args: vec![],
            returns: "trigger".into(),
            language: "plpgsql".into(),
            body: "BEGIN NEW.updated_at := now(); RETURN NEW; END;".into(),
            volatility: Volatility::Volatile,
            security_definer: false,
            search_path: vec![],
        },
        Function {
            name: "current_user_id".into(),
            doc: None,
            args: vec![],
            returns: "uuid".into(),
            language: "sql".into(),
            body: "SELECT nullif(current_setting('app.user_id', true), '')::uuid".into(),
            volatility: Volatility::Stable,
            security_definer: false,
            search_path: vec![],
        },
        Function {
            name: "is_workspace_member".into(),
            doc: Some("Whether the current user belongs to the workspace.".into()),
            args: vec![FunctionArg {
                name: "ws".into(),
                ty: "uuid".into(),
                default: None,
            }],
            returns: "boolean".into(),
            language: "sql".into(),
            body: "SELECT EXISTS (SELECT 1 FROM public.workspace_members m \
                   WHERE m.workspace_id = ws AND m.user_id = public.current_user_id())"
                .into(),
            volatility: Volatility::Stable,
            security_definer: true,
            search_path: vec!["pg_catalog".into(), "public".into()],
        },
    ]
}

fn extensions() -> Vec<Extension> {
    vec![
        Extension {
            name: "vector".into(),
            schema: "extensions".into(),
            optional: true,
        },
        Extension {
            name: "uuid-ossp".into(),
            schema: "extensions".into(),
            optional: false,
        },
        Extension {
            name: "ltree".into(),
            schema: "extensions".into(),
            optional: false,
        },
    ]
}

/// The representative schema, tables deliberately not in dependency order.
fn schema() -> Schema {
    Schema {
        extensions: extensions(),
        functions: functions(),
        tables: vec![workspace_members(), documents(), workspaces(), users()],
        views: Vec::new(),
    }
}

/// Statements, then what was skipped, one per line.
fn report(ddl: &Ddl) -> String {
    let mut out = ddl.script();
    if !ddl.skipped.is_empty() {
        out.push_str("\n-- skipped:\n");
        for skipped in &ddl.skipped {
            out.push_str(&format!("-- {skipped}\n"));
        }
    }
    out
}

#[test]
fn postgres_create() {
    let ddl = Postgres.render(&schema()).unwrap();
    assert!(ddl.skipped.is_empty());
    insta::assert_snapshot!(report(&ddl));
}

#[test]
fn postgres_drop() {
    insta::assert_snapshot!(report(&Postgres.render_drop(&schema()).unwrap()));
}

#[test]
fn postgres_one_table() {
    insta::assert_snapshot!(report(&Postgres.render_table(&schema(), "users").unwrap()));
}

#[test]
fn sqlite_create() {
    insta::assert_snapshot!(report(&Sqlite.render(&schema()).unwrap()));
}

#[test]
fn sqlite_drop() {
    insta::assert_snapshot!(report(&Sqlite.render_drop(&schema()).unwrap()));
}

#[test]
fn sqlite_skipped_serializes_as_tagged_records() {
    let ddl = Sqlite.render(&schema()).unwrap();
    insta::assert_snapshot!(serde_json::to_string_pretty(&ddl.skipped).unwrap());
    let back: Vec<Skipped> =
        serde_json::from_str(&serde_json::to_string(&ddl.skipped).unwrap()).unwrap();
    assert_eq!(back, ddl.skipped);
}

#[test]
fn rendering_is_deterministic() {
    let reversed = {
        let mut s = schema();
        s.tables.reverse();
        s.extensions.reverse();
        s
    };
    let dialects: [&dyn Dialect; 2] = [&Postgres, &Sqlite];
    for dialect in dialects {
        let once = dialect.render(&schema()).unwrap();
        assert_eq!(
            once,
            dialect.render(&schema()).unwrap(),
            "{}",
            dialect.name()
        );
        // Declaration order of tables and extensions carries no meaning.
        assert_eq!(
            once,
            dialect.render(&reversed).unwrap(),
            "{}",
            dialect.name()
        );
        assert_eq!(
            dialect.render_drop(&schema()).unwrap(),
            dialect.render_drop(&reversed).unwrap()
        );
    }
}

#[test]
fn cycles_are_closed_after_all_tables_exist() {
    let schema = schema();
    let order = dependency_order(&schema);
    let names: Vec<&str> = order.tables.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(
        names,
        ["users", "workspaces", "documents", "workspace_members"]
    );
    let deferred: Vec<&str> = order
        .deferred
        .iter()
        .map(|(_, fk)| fk.name.as_str())
        .collect();
    assert_eq!(deferred, ["fk_users_default_workspace_id"]);

    let pg = Postgres.render(&schema).unwrap().statements;
    let position = |prefix: &str| pg.iter().position(|s| s.starts_with(prefix)).unwrap();
    let alter = position(r#"ALTER TABLE "users" ADD CONSTRAINT "fk_users_default_workspace_id""#);
    assert!(alter > position(r#"CREATE TABLE "workspace_members""#));
    assert!(!pg[position(r#"CREATE TABLE "users""#)].contains("FOREIGN KEY"));
    // The self-reference stays inline.
    assert!(
        pg[position(r#"CREATE TABLE "documents""#)].contains(r#"REFERENCES "documents" ("id")"#)
    );

    // SQLite checks foreign keys on write, so all of them stay inline.
    let sqlite = Sqlite.render(&schema).unwrap().statements;
    assert!(sqlite.iter().all(|s| !s.starts_with("ALTER")));
    assert!(
        sqlite[0].starts_with(r#"CREATE TABLE "users""#)
            && sqlite[0].contains(r#"REFERENCES "workspaces""#)
    );
}

#[test]
fn a_dangling_foreign_key_is_an_error() {
    let schema = Schema::from_tables([users()]);
    let expected = RenderError::UnknownReferencedTable {
        table: "users".into(),
        foreign_key: "fk_users_default_workspace_id".into(),
        ref_table: "workspaces".into(),
    };
    let dialects: [&dyn Dialect; 2] = [&Postgres, &Sqlite];
    for dialect in dialects {
        let err = dialect.render(&schema).unwrap_err();
        assert_eq!(err, expected);
        assert_eq!(
            err.to_string(),
            "table `users`: foreign key `fk_users_default_workspace_id` references table `workspaces`, which is not in the schema"
        );
        assert_eq!(dialect.render_drop(&schema).unwrap_err(), expected);
        assert_eq!(
            dialect.render_table(&schema, "users").unwrap_err(),
            expected
        );
    }
}

#[test]
fn missing_columns_and_impossible_checks_are_errors() {
    let mut bad_index = schema();
    bad_index.tables[0].indexes[0].parts[0].column = "nope".into();
    assert_eq!(
        Postgres.render(&bad_index).unwrap_err().to_string(),
        "table `workspace_members`: index `idx_workspace_members_user_id` names column `nope`, which the table does not have"
    );

    let mut bad_ref = schema();
    bad_ref.tables[0].foreign_keys[0].ref_columns = vec!["uuid".into()];
    assert!(matches!(
        Sqlite.render(&bad_ref).unwrap_err(),
        RenderError::UnknownReferencedColumn { column, .. } if column == "uuid"
    ));

    let mut empty_check = schema();
    empty_check.tables[0].checks[0].kind = CheckKind::OneOf {
        column: "role".into(),
        values: vec![],
    };
    assert_eq!(
        Postgres.render(&empty_check).unwrap_err().to_string(),
        "table `workspace_members`: check `ck_workspace_members_role` lists no values"
    );

    assert_eq!(
        Sqlite.render_table(&schema(), "nope").unwrap_err(),
        RenderError::NoSuchTable {
            table: "nope".into()
        }
    );
}
