//! Diffs of small schemas: the changes, their hazards, and their SQL on
//! both backends, as insta snapshots.

use hingecraft_schema::diff::{Change, Hazard, diff};
use hingecraft_schema::model::{
    Check, CheckKind, Column, ColumnType, ForeignKey, Index, IndexMethod, IndexPart, Policy,
    PolicyCommand, ReferentialAction, Schema, Table, Trigger, TriggerEvent, TriggerTiming,
};
use hingecraft_schema::render::plan::Execution;
use hingecraft_schema::render::{Dialect, Postgres, Sqlite};

fn users() -> Table {
    let mut t = Table::new("users", "test");
    t.columns = vec![
        Column::new("id", ColumnType::Uuid),
        Column::new("email", ColumnType::Varchar { len: 255 }),
        Column::new("nickname", ColumnType::Text).nullable(),
    ];
    t.primary_key = vec!["id".into()];
    t.doc = Some("A person with an account.".into());
    t
}

fn posts() -> Table {
    let mut t = Table::new("posts", "test");
    t.columns = vec![
        Column::new("id", ColumnType::Uuid),
        Column::new("author_id", ColumnType::Uuid),
        Column::new("title", ColumnType::Text),
        Column::new("rank", ColumnType::Integer),
    ];
    t.primary_key = vec!["id".into()];
    t.foreign_keys = vec![ForeignKey {
        name: "fk_posts_author_id".into(),
        columns: vec!["author_id".into()],
        ref_table: "users".into(),
        ref_columns: vec!["id".into()],
        on_delete: ReferentialAction::Cascade,
        on_update: ReferentialAction::NoAction,
    }];
    t.checks = vec![Check {
        name: "ck_posts_rank_range".into(),
        kind: CheckKind::Range {
            column: "rank".into(),
            min: Some(0),
            max: None,
        },
    }];
    t
}

fn index(name: &str, column: &str) -> Index {
    Index {
        name: name.into(),
        parts: vec![IndexPart::column(column)],
        unique: false,
        method: IndexMethod::Btree,
        predicate: None,
    }
}

/// The changes with their hazards, then the SQL of each backend.
fn report(old: &Schema, new: &Schema) -> String {
    let changes = diff(old, new);
    let mut out = String::from("# changes\n");
    for c in &changes {
        let hazards: Vec<&str> = c.hazards().iter().map(|h| h.as_str()).collect();
        out.push_str(&format!("{} {hazards:?}\n", c.describe()));
    }
    for dialect in [&Postgres as &dyn Dialect, &Sqlite] {
        out.push_str(&format!("# {}\n", dialect.name()));
        for r in dialect.render_changes(&changes, old, new).unwrap() {
            for s in &r.statements {
                let run = match s.execution {
                    Execution::NoTransaction => "outside a transaction; ",
                    Execution::OwnTransaction => "own transaction; ",
                    _ => "",
                };
                out.push_str(&format!(
                    "-- {run}lock: {}\n{};\n",
                    s.lock.describe(),
                    s.sql
                ));
            }
            for s in &r.skipped {
                out.push_str(&format!("-- left out: {s}\n"));
            }
        }
    }
    out
}

#[test]
fn from_nothing_creates_in_dependency_order() {
    let new = Schema::from_tables([posts(), users()]);
    let changes = diff(&Schema::default(), &new);
    let creates: Vec<String> = changes.iter().map(Change::describe).collect();
    let users_at = creates
        .iter()
        .position(|c| c == "create table users")
        .unwrap();
    let posts_at = creates
        .iter()
        .position(|c| c == "create table posts")
        .unwrap();
    assert!(users_at < posts_at, "{creates:?}");
    insta::assert_snapshot!(report(&Schema::default(), &new));
}

#[test]
fn to_nothing_drops_dependents_first() {
    let old = Schema::from_tables([posts(), users()]);
    let changes = diff(&old, &Schema::default());
    let drops: Vec<String> = changes.iter().map(Change::describe).collect();
    assert_eq!(drops, ["drop table posts", "drop table users"]);
    assert!(changes.iter().all(|c| c.hazards() == [Hazard::DeletesData]));
    insta::assert_snapshot!(report(&old, &Schema::default()));
}

#[test]
fn a_new_column_and_index_are_all_that_changes() {
    let old = Schema::from_tables([posts(), users()]);
    let mut new = old.clone();
    let users = new.tables.iter_mut().find(|t| t.name == "users").unwrap();
    users
        .columns
        .push(Column::new("last_seen_at", ColumnType::TimestampTz).nullable());
    users
        .indexes
        .push(index("idx_users_last_seen_at", "last_seen_at"));
    let changes = diff(&old, &new);
    let described: Vec<String> = changes.iter().map(Change::describe).collect();
    assert_eq!(
        described,
        [
            "add column users.last_seen_at",
            "create index users.idx_users_last_seen_at"
        ]
    );
    insta::assert_snapshot!(report(&old, &new));
}

#[test]
fn alterations_security_and_triggers() {
    let old = Schema::from_tables([posts(), users()]);
    let mut new = old.clone();
    let posts = new.tables.iter_mut().find(|t| t.name == "posts").unwrap();
    posts.columns[3].ty = ColumnType::BigInt; // rank: integer -> bigint
    posts.columns[2].nullable = true; // title
    posts.checks.clear();
    posts.rls_enabled = true;
    posts.policies.push(Policy {
        name: "posts_own".into(),
        command: PolicyCommand::All,
        roles: vec![],
        using: Some("author_id = current_setting('app.user_id')::uuid".into()),
        with_check: None,
    });
    posts.triggers.push(Trigger {
        name: "trg_posts_touch".into(),
        timing: TriggerTiming::Before,
        events: vec![TriggerEvent::Update],
        function: "touch".into(),
    });
    let users = new.tables.iter_mut().find(|t| t.name == "users").unwrap();
    users.columns.retain(|c| c.name != "nickname");
    users.doc = None;
    insta::assert_snapshot!(report(&old, &new));
}

#[test]
fn declared_renames_rename_and_undeclared_ones_drop_and_add() {
    let old = Schema::from_tables([posts(), users()]);
    let mut new = old.clone();
    let users = new.tables.iter_mut().find(|t| t.name == "users").unwrap();
    users.name = "accounts".into();
    users.renamed_from = Some("users".into());
    let nickname = users
        .columns
        .iter_mut()
        .find(|c| c.name == "nickname")
        .unwrap();
    nickname.name = "display_name".into();
    nickname.renamed_from = Some("nickname".into());
    let posts = new.tables.iter_mut().find(|t| t.name == "posts").unwrap();
    posts.foreign_keys[0].ref_table = "accounts".into();
    posts.columns[2].name = "headline".into(); // no renamed_from: drop and add
    let described: Vec<String> = diff(&old, &new).iter().map(Change::describe).collect();
    assert!(described.contains(&"rename table users to accounts".to_owned()));
    assert!(described.contains(&"rename column accounts.nickname to display_name".to_owned()));
    assert!(described.contains(&"drop column posts.title".to_owned()));
    assert!(described.contains(&"add column posts.headline".to_owned()));
    // Down: the renames are read backwards.
    let back: Vec<String> = diff(&new, &old).iter().map(Change::describe).collect();
    assert!(
        back.contains(&"rename table accounts to users".to_owned()),
        "{back:?}"
    );
    assert!(
        back.contains(&"rename column users.display_name to nickname".to_owned()),
        "{back:?}"
    );
    insta::assert_snapshot!(report(&old, &new));
}

#[test]
fn the_same_schema_has_no_changes() {
    let schema = Schema::from_tables([posts(), users()]);
    assert!(diff(&schema, &schema).is_empty());
}
