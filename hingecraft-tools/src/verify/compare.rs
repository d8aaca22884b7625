//! Comparing two catalogs: every object expected but not found, found but
//! not expected, or present on both sides with a property that differs.
//!
//! A missing or unexpected table is one drift, not one per column: the
//! table is the change someone made.

use std::collections::BTreeMap;

use super::catalog::{
    Catalog, ColumnState, ConstraintState, FunctionState, PolicyState, TableState, TriggerState,
    ViewState,
};
use super::report::{Aspect, Drift, Subject};

/// Every difference between `expected` and `found`, sorted by printed form.
pub fn compare(expected: &Catalog, found: &Catalog) -> Vec<Drift> {
    let mut out = Vec::new();
    for name in expected.extensions.difference(&found.extensions) {
        out.push(Drift::Missing {
            subject: Subject::Extension { name: name.clone() },
        });
    }
    for name in found.extensions.difference(&expected.extensions) {
        out.push(Drift::Unexpected {
            subject: Subject::Extension { name: name.clone() },
            found: "installed".into(),
        });
    }
    each(
        &expected.tables,
        &found.tables,
        |t| Subject::Table { table: t.into() },
        |t| format!("{} columns", t.columns.len()),
        table,
        &mut out,
    );
    each(
        &expected.views,
        &found.views,
        |v| Subject::View { name: v.into() },
        view_summary,
        view,
        &mut out,
    );
    each(
        &expected.functions,
        &found.functions,
        |s| Subject::Function {
            signature: s.into(),
        },
        |f| format!("returns {}, language {}", f.returns, f.language),
        function,
        &mut out,
    );
    out.sort_by_cached_key(ToString::to_string);
    out
}

/// Walks two maps by key: missing, unexpected, or compared with `both`.
fn each<V>(
    expected: &BTreeMap<String, V>,
    found: &BTreeMap<String, V>,
    subject: impl Fn(&str) -> Subject,
    summary: impl Fn(&V) -> String,
    both: impl Fn(&str, &V, &V, &mut Vec<Drift>),
    out: &mut Vec<Drift>,
) {
    for (name, e) in expected {
        match found.get(name) {
            None => out.push(Drift::Missing {
                subject: subject(name),
            }),
            Some(f) => both(name, e, f, out),
        }
    }
    for (name, f) in found {
        if !expected.contains_key(name) {
            out.push(Drift::Unexpected {
                subject: subject(name),
                found: summary(f),
            });
        }
    }
}

/// Pushes a `Differs` when the two values are not equal.
fn field(out: &mut Vec<Drift>, subject: &Subject, aspect: Aspect, expected: &str, found: &str) {
    if expected != found {
        out.push(Drift::Differs {
            subject: subject.clone(),
            aspect: Some(aspect),
            expected: expected.to_owned(),
            found: found.to_owned(),
        });
    }
}

fn opt(value: &Option<String>) -> &str {
    value.as_deref().unwrap_or("none")
}

fn table(name: &str, e: &TableState, f: &TableState, out: &mut Vec<Drift>) {
    let before = out.len();
    let t = || name.to_owned();
    each(
        &e.columns,
        &f.columns,
        |c| Subject::Column {
            table: t(),
            column: c.into(),
        },
        ColumnState::summary,
        |c, e, f, out| column(&t(), c, e, f, out),
        out,
    );
    each(
        &e.constraints,
        &f.constraints,
        |c| Subject::Constraint {
            table: t(),
            name: c.into(),
        },
        |c| c.definition.clone(),
        |c, e, f, out| constraint(&t(), c, e, f, out),
        out,
    );
    indexes(name, &e.indexes, &f.indexes, out);
    if e.rls != f.rls {
        let describe = |r: &Option<super::catalog::Rls>| match r {
            Some(r) => r.describe(),
            None => "not supported".to_owned(),
        };
        out.push(Drift::Differs {
            subject: Subject::RowLevelSecurity { table: t() },
            aspect: None,
            expected: describe(&e.rls),
            found: describe(&f.rls),
        });
    }
    each(
        &e.policies,
        &f.policies,
        |p| Subject::Policy {
            table: t(),
            name: p.into(),
        },
        |p| format!("{} to {}", p.command, p.roles),
        |p, e, f, out| policy(&t(), p, e, f, out),
        out,
    );
    each(
        &e.triggers,
        &f.triggers,
        |tr| Subject::Trigger {
            table: t(),
            name: tr.into(),
        },
        |tr| tr.definition.clone(),
        |tr, e, f, out| trigger(&t(), tr, e, f, out),
        out,
    );
    if e.partition_key != f.partition_key {
        out.push(Drift::Differs {
            subject: Subject::Partitioning { table: t() },
            aspect: None,
            expected: opt(&e.partition_key).to_owned(),
            found: opt(&f.partition_key).to_owned(),
        });
    }
    each(
        &e.partitions,
        &f.partitions,
        |p| Subject::Partition {
            table: t(),
            name: p.into(),
        },
        Clone::clone,
        |p, e, f, out| {
            let subject = Subject::Partition {
                table: t(),
                name: p.into(),
            };
            field(out, &subject, Aspect::Definition, e, f);
        },
        out,
    );
    // SQLite's table text is the only record of its checks; compared last,
    // and only when nothing more precise already explains the difference.
    if out.len() == before && e.definition != f.definition {
        field(
            out,
            &Subject::Table { table: t() },
            Aspect::Definition,
            opt(&e.definition),
            opt(&f.definition),
        );
    }
}

fn column(table: &str, name: &str, e: &ColumnState, f: &ColumnState, out: &mut Vec<Drift>) {
    let subject = Subject::Column {
        table: table.into(),
        column: name.into(),
    };
    field(out, &subject, Aspect::Type, &e.ty, &f.ty);
    let null = |c: &ColumnState| if c.nullable { "nullable" } else { "not null" };
    field(out, &subject, Aspect::Nullability, null(e), null(f));
    field(
        out,
        &subject,
        Aspect::Default,
        opt(&e.default),
        opt(&f.default),
    );
    field(
        out,
        &subject,
        Aspect::Generated,
        opt(&e.generated),
        opt(&f.generated),
    );
}

fn constraint(
    table: &str,
    name: &str,
    e: &ConstraintState,
    f: &ConstraintState,
    out: &mut Vec<Drift>,
) {
    let subject = Subject::Constraint {
        table: table.into(),
        name: name.into(),
    };
    field(
        out,
        &subject,
        Aspect::Definition,
        &e.definition,
        &f.definition,
    );
}

fn indexes(
    table: &str,
    expected: &BTreeMap<String, String>,
    found: &BTreeMap<String, String>,
    out: &mut Vec<Drift>,
) {
    each(
        expected,
        found,
        |i| Subject::Index {
            table: table.into(),
            name: i.into(),
        },
        Clone::clone,
        |i, e, f, out| {
            let subject = Subject::Index {
                table: table.into(),
                name: i.into(),
            };
            field(out, &subject, Aspect::Definition, e, f);
        },
        out,
    );
}

fn policy(table: &str, name: &str, e: &PolicyState, f: &PolicyState, out: &mut Vec<Drift>) {
    let subject = Subject::Policy {
        table: table.into(),
        name: name.into(),
    };
    field(out, &subject, Aspect::Command, &e.command, &f.command);
    field(
        out,
        &subject,
        Aspect::Permissive,
        &e.permissive,
        &f.permissive,
    );
    field(out, &subject, Aspect::Roles, &e.roles, &f.roles);
    field(out, &subject, Aspect::Using, opt(&e.using), opt(&f.using));
    field(
        out,
        &subject,
        Aspect::WithCheck,
        opt(&e.with_check),
        opt(&f.with_check),
    );
}

fn trigger(table: &str, name: &str, e: &TriggerState, f: &TriggerState, out: &mut Vec<Drift>) {
    let subject = Subject::Trigger {
        table: table.into(),
        name: name.into(),
    };
    field(
        out,
        &subject,
        Aspect::Definition,
        &e.definition,
        &f.definition,
    );
    let on = |t: &TriggerState| if t.enabled { "enabled" } else { "disabled" };
    field(out, &subject, Aspect::Enabled, on(e), on(f));
}

fn view_summary(v: &ViewState) -> String {
    if v.materialized {
        "materialized".to_owned()
    } else {
        "view".to_owned()
    }
}

fn view(name: &str, e: &ViewState, f: &ViewState, out: &mut Vec<Drift>) {
    let subject = Subject::View { name: name.into() };
    field(
        out,
        &subject,
        Aspect::Materialized,
        &view_summary(e),
        &view_summary(f),
    );
    field(
        out,
        &subject,
        Aspect::Definition,
        &e.definition,
        &f.definition,
    );
    indexes(name, &e.indexes, &f.indexes, out);
}

fn function(signature: &str, e: &FunctionState, f: &FunctionState, out: &mut Vec<Drift>) {
    let subject = Subject::Function {
        signature: signature.into(),
    };
    field(out, &subject, Aspect::Returns, &e.returns, &f.returns);
    field(out, &subject, Aspect::Language, &e.language, &f.language);
    field(
        out,
        &subject,
        Aspect::Volatility,
        &e.volatility,
        &f.volatility,
    );
    let sec = |x: &FunctionState| {
        if x.security_definer {
            "definer"
        } else {
            "invoker"
        }
    };
    field(out, &subject, Aspect::Security, sec(e), sec(f));
    field(
        out,
        &subject,
        Aspect::Config,
        opt(&e.config),
        opt(&f.config),
    );
    field(out, &subject, Aspect::Body, &e.body, &f.body);
}
