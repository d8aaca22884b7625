//! The production `accounts` table, read back from a live Postgres catalog,
//! equals the seed's production table: columns (type, NOT NULL, default),
//! UNIQUE, CHECK values, foreign keys, indexes, row-level security and the
//! audit trigger.

use hingecraft_platform::migration::migrator;
use hingecraft_test_harness::pg_test_db;
use sea_orm::{DatabaseConnection, FromQueryResult, Statement};

#[derive(Debug, FromQueryResult)]
struct Col {
    name: String,
    ty: String,
    not_null: bool,
    default: Option<String>,
}

async fn rows<T: FromQueryResult>(db: &DatabaseConnection, sql: &str) -> Vec<T> {
    T::find_by_statement(Statement::from_string(db.get_database_backend(), sql))
        .all(db)
        .await
        .unwrap()
}

#[derive(Debug, FromQueryResult)]
struct Text {
    v: String,
}

async fn texts(db: &DatabaseConnection, sql: &str) -> Vec<String> {
    rows::<Text>(db, sql)
        .await
        .into_iter()
        .map(|t| t.v)
        .collect()
}

#[tokio::test]
async fn production_accounts_is_the_seeds_table() {
    let Some(pg) = pg_test_db!() else { return };
    let db = pg.conn();
    migrator().up(db, None).await.unwrap();

    let cols: Vec<Col> = rows(
        db,
        "SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS ty, a.attnotnull AS not_null,
                pg_get_expr(d.adbin, d.adrelid) AS default
           FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
          WHERE a.attrelid = 'accounts'::regclass AND a.attnum > 0 AND NOT a.attisdropped
          ORDER BY a.attnum",
    )
    .await;
    let got: Vec<(&str, &str, bool, Option<&str>)> = cols
        .iter()
        .map(|c| {
            (
                c.name.as_str(),
                c.ty.as_str(),
                c.not_null,
                c.default.as_deref(),
            )
        })
        .collect();
    let expected: Vec<(&str, &str, bool, Option<&str>)> = vec![
        ("id", "uuid", true, Some("gen_random_uuid()")),
        ("account_number", "character varying(20)", true, None),
        ("name", "character varying(255)", true, None),
        ("type", "character varying(50)", true, None),
        (
            "status",
            "character varying(50)",
            true,
            Some("'Active'::character varying"),
        ),
        ("email", "character varying(255)", false, None),
        ("phone", "character varying(20)", false, None),
        ("address", "text", false, None),
        ("city", "character varying(100)", false, None),
        ("state", "character varying(2)", false, None),
        ("zip", "character varying(10)", false, None),
        ("territory_id", "uuid", false, None),
        ("owner_id", "uuid", true, None),
        ("parent_account_id", "uuid", false, None),
        (
            "created_at",
            "timestamp with time zone",
            true,
            Some("now()"),
        ),
        ("created_by", "uuid", true, None),
        ("updated_at", "timestamp with time zone", false, None),
        ("updated_by", "uuid", false, None),
        ("deleted_at", "timestamp with time zone", false, None),
        ("version", "integer", false, Some("1")),
    ];
    assert_eq!(got, expected, "accounts, column by column");

    // UNIQUE account_number: a unique constraint, or (soft delete) a unique index on live rows.
    let unique = texts(
        db,
        "SELECT pg_get_indexdef(i.indexrelid) AS v FROM pg_index i
          WHERE i.indrelid = 'accounts'::regclass AND i.indisunique AND NOT i.indisprimary",
    )
    .await;
    assert!(
        unique.iter().any(|d| d.contains("(account_number)")),
        "unique account_number: {unique:?}"
    );

    // CHECK on type with exactly the seed's values.
    let checks = texts(
        db,
        "SELECT pg_get_constraintdef(oid) AS v FROM pg_constraint WHERE conrelid = 'accounts'::regclass AND contype = 'c'",
    )
    .await;
    let type_check = checks
        .iter()
        .find(|c| c.contains("type"))
        .unwrap_or_else(|| panic!("a CHECK on type: {checks:?}"));
    for v in ["'Residential'", "'Commercial'", "'Industrial'"] {
        assert!(type_check.contains(v), "{type_check}");
    }

    // Foreign keys.
    let mut fks = texts(
        db,
        "SELECT pg_get_constraintdef(oid) AS v FROM pg_constraint WHERE conrelid = 'accounts'::regclass AND contype = 'f'",
    )
    .await;
    fks.sort();
    for (col, target) in [
        ("created_by", "users(id)"),
        ("owner_id", "users(id)"),
        ("parent_account_id", "accounts(id)"),
        ("territory_id", "territories(id)"),
        ("updated_by", "users(id)"),
    ] {
        let want = format!("FOREIGN KEY ({col}) REFERENCES {target}");
        assert!(
            fks.iter().any(|f| f.starts_with(&want)),
            "{want} in {fks:?}"
        );
    }
    assert_eq!(fks.len(), 5, "{fks:?}");

    // Indexes on status, type, owner_id and (name, account_number).
    let keys = texts(
        db,
        "SELECT string_agg(a.attname, ',' ORDER BY k.ord) AS v
           FROM pg_index i CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
           JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
          WHERE i.indrelid = 'accounts'::regclass GROUP BY i.indexrelid",
    )
    .await;
    for want in ["status", "type", "owner_id", "name,account_number"] {
        assert!(
            keys.iter().any(|k| k == want),
            "an index on ({want}) in {keys:?}"
        );
    }

    // Row-level security, enabled and forced, with an owner-or-admin policy.
    let rls = texts(
        db,
        "SELECT relrowsecurity::text || ',' || relforcerowsecurity::text AS v FROM pg_class WHERE oid = 'accounts'::regclass",
    )
    .await;
    assert_eq!(rls, ["true,true"]);
    let policies = texts(
        db,
        "SELECT coalesce(qual, '') AS v FROM pg_policies WHERE tablename = 'accounts'",
    )
    .await;
    assert!(
        policies
            .iter()
            .any(|q| q.contains("owner_id = ( SELECT scope_user_id()")
                && q.contains("scope_is_workspace_admin()")
                && q.contains("m.workspace_id = ( SELECT scope_workspace_id()")),
        "an owner-or-admin policy, bounded by the workspace: {policies:?}"
    );

    // The audit trigger.
    let triggers = texts(
        db,
        "SELECT t.tgname || ':' || p.proname AS v FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid
          WHERE t.tgrelid = 'accounts'::regclass AND NOT t.tgisinternal",
    )
    .await;
    assert!(
        triggers.iter().any(|t| t == "audit_accounts:audit_changes"),
        "{triggers:?}"
    );
    pg.drop_db().await;
}
