//! The rule every merged property follows: equal or declared once, taken;
//! different, settled by a resolution or reported as a conflict. Shared by
//! columns, table properties and constraints.

use std::borrow::Cow;

use super::conflict::{Conflict, ConflictKind, Declaration, group};
use super::report::{Decision, DecisionKind};
use super::resolution::{Class, Resolution, Resolver};
use crate::model::{Column, Table};

/// One declaration of a table taking part in a merge.
#[derive(Debug, Clone, Copy)]
pub(super) struct Part<'a> {
    /// The table as declared.
    pub(super) table: &'a Table,
    /// The modules it stands for: one when merging modules; every merged
    /// module when completing a merged table.
    pub(super) modules: &'a [String],
    /// Whether this is an already merged table being completed. Its columns
    /// carry their own provenance, and what it already holds is not reported
    /// again as taken.
    pub(super) base: bool,
}

impl<'a> Part<'a> {
    /// The modules behind one of its columns.
    pub(super) fn column_modules(&self, c: &'a Column) -> &'a [String] {
        if self.base && !c.declared_by.is_empty() {
            &c.declared_by
        } else {
            self.modules
        }
    }

    /// The modules behind something of this table about these columns (a
    /// key, a check, an index): for a merged table, those that declared
    /// every one of the columns, since its constraints carry no provenance of
    /// their own; else the part's modules.
    pub(super) fn modules_of(&self, columns: &[&str]) -> Cow<'a, [String]> {
        if !self.base {
            return Cow::Borrowed(self.modules);
        }
        let mut out: Option<Vec<String>> = None;
        for name in columns {
            let Some(c) = self.table.column(name) else {
                continue;
            };
            let modules = self.column_modules(c);
            out = Some(match out {
                None => modules.to_vec(),
                Some(prev) => prev.into_iter().filter(|m| modules.contains(m)).collect(),
            });
        }
        match out {
            Some(v) if !v.is_empty() => Cow::Owned(v),
            _ => Cow::Borrowed(self.modules),
        }
    }
}

/// What one part declares for a property (`None`: nothing).
#[derive(Debug)]
pub(super) struct Decl<'a, T> {
    pub(super) value: Option<T>,
    pub(super) modules: Cow<'a, [String]>,
    pub(super) base: bool,
}

/// Where a property sits and how its conflict is named.
#[derive(Debug)]
pub(super) struct Rule<'s> {
    /// The column reported with decisions and conflicts.
    pub(super) column: Option<&'s str>,
    /// What the property is called in a "taken" decision.
    pub(super) what: &'s str,
    /// The resolution (and conflict) class.
    pub(super) class: Class,
    /// What a resolution names after the table.
    pub(super) subject: &'s str,
    /// The conflict to report when nothing settles it.
    pub(super) kind: ConflictKind,
}

/// The merge of one table in progress: decisions and conflicts so far.
#[derive(Debug)]
pub(super) struct Ctx<'r> {
    pub(super) table: &'r str,
    pub(super) resolver: &'r mut Resolver,
    pub(super) decisions: Vec<Decision>,
    pub(super) conflicts: Vec<Conflict>,
}

/// The union of module lists, sorted, without duplicates.
pub(super) fn union<'a>(lists: impl IntoIterator<Item = &'a [String]>) -> Vec<String> {
    let mut out: Vec<String> = lists.into_iter().flatten().cloned().collect();
    out.sort();
    out.dedup();
    out
}

impl Ctx<'_> {
    pub(super) fn decide(
        &mut self,
        column: Option<&str>,
        modules: Vec<String>,
        kind: DecisionKind,
    ) {
        self.decisions.push(Decision {
            column: column.map(str::to_owned),
            modules,
            kind,
        });
    }

    pub(super) fn conflict(
        &mut self,
        column: Option<&str>,
        kind: ConflictKind,
        declarations: Vec<Declaration>,
    ) {
        self.conflicts.push(Conflict {
            table: self.table.to_owned(),
            column: column.map(str::to_owned),
            kind,
            declarations,
        });
    }

    /// Records that a value some parts declare and others lack was taken,
    /// unless the merged table being completed already held it.
    pub(super) fn presence<'a, T>(
        &mut self,
        column: Option<&str>,
        what: &str,
        value: impl FnOnce() -> String,
        decls: &[Decl<'a, T>],
    ) {
        if decls.iter().all(|d| d.value.is_none()) {
            return;
        }
        let lacking = union(
            decls
                .iter()
                .filter(|d| d.value.is_none())
                .map(|d| &*d.modules),
        );
        if lacking.is_empty() || decls.iter().any(|d| d.base && d.value.is_some()) {
            return;
        }
        let with = union(
            decls
                .iter()
                .filter(|d| d.value.is_some())
                .map(|d| &*d.modules),
        );
        let value = value();
        self.decide(
            column,
            with,
            DecisionKind::Taken {
                what: what.to_owned(),
                value,
                without: lacking,
            },
        );
    }

    /// The one value the parts agree on (reporting it as taken when only
    /// some declare it), a resolution's value, or a conflict. On a conflict
    /// the first value is returned so that the merge goes on and finds the
    /// other conflicts.
    pub(super) fn agree<T: PartialEq + Clone>(
        &mut self,
        rule: Rule<'_>,
        decls: &[Decl<'_, T>],
        describe: impl Fn(&T) -> String,
        resolve: impl FnOnce(Resolution) -> Option<T>,
    ) -> Option<T> {
        let mut distinct: Vec<&T> = Vec::new();
        for d in decls {
            if let Some(v) = &d.value
                && !distinct.contains(&v)
            {
                distinct.push(v);
            }
        }
        match distinct.as_slice() {
            [] => None,
            [one] => {
                self.presence(rule.column, rule.what, || describe(one), decls);
                Some((*one).clone())
            }
            [first, ..] => {
                let first = (*first).clone();
                let modules = union(
                    decls
                        .iter()
                        .filter(|d| d.value.is_some())
                        .map(|d| &*d.modules),
                );
                match self.resolver.take(rule.class, self.table, rule.subject) {
                    Some(r) => {
                        let value = resolve(r.clone());
                        self.decide(
                            rule.column,
                            modules,
                            DecisionKind::Resolved { resolution: r },
                        );
                        value
                    }
                    None => {
                        let declared =
                            group(decls.iter().filter_map(|d| {
                                d.value.as_ref().map(|v| (&*d.modules, describe(v)))
                            }));
                        self.conflict(rule.column, rule.kind, declared);
                        Some(first)
                    }
                }
            }
        }
    }

    /// The first non-empty doc, in part order; every different one is
    /// reported as not taken.
    pub(super) fn doc(
        &mut self,
        column: Option<&str>,
        docs: &[(Option<&String>, &[String])],
    ) -> Option<String> {
        fn non_empty(d: Option<&String>) -> Option<&String> {
            d.filter(|s| !s.trim().is_empty())
        }
        if docs.iter().all(|(d, _)| *d == docs[0].0) {
            return non_empty(docs.first()?.0).cloned();
        }
        let kept = docs.iter().find_map(|(d, _)| non_empty(*d))?;
        let taken_from = union(
            docs.iter()
                .filter(|(d, _)| non_empty(*d) == Some(kept))
                .map(|(_, m)| *m),
        );
        let others = group(docs.iter().filter_map(|(d, m)| {
            non_empty(*d)
                .filter(|d| *d != kept)
                .map(|d| (*m, d.clone()))
        }));
        for other in others {
            self.decide(
                column,
                other.modules,
                DecisionKind::DocNotTaken {
                    doc: other.value,
                    taken_from: taken_from.clone(),
                },
            );
        }
        Some(kept.clone())
    }
}
