//! `CREATE TRIGGER`.

use sea_query::{PostgresQueryBuilder, QuotedBuilder, SqlWriter};

use super::{impl_statement_build, write_iden, write_qualified};
use crate::model::{TriggerEvent, TriggerTiming};

/// `CREATE TRIGGER name {BEFORE | AFTER} event [OR event...] ON table
/// FOR EACH {ROW | STATEMENT} EXECUTE FUNCTION function()`.
///
/// Events are written sorted and without duplicates: their order carries no
/// meaning, and sorting keeps the output stable.
///
/// ```
/// use hingecraft_schema::model::{TriggerEvent, TriggerTiming};
/// use hingecraft_schema::render::statements::TriggerCreateStatement;
/// use sea_query::PostgresQueryBuilder;
///
/// assert_eq!(
///     TriggerCreateStatement::new()
///         .name("trg_users_touch")
///         .table("users")
///         .timing(TriggerTiming::Before)
///         .event(TriggerEvent::Update)
///         .event(TriggerEvent::Insert)
///         .function("touch")
///         .to_string(PostgresQueryBuilder),
///     r#"CREATE TRIGGER "trg_users_touch" BEFORE INSERT OR UPDATE ON "users" FOR EACH ROW EXECUTE FUNCTION "touch"()"#
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TriggerCreateStatement {
    pub(crate) name: String,
    pub(crate) table: String,
    pub(crate) timing: TriggerTiming,
    pub(crate) events: Vec<TriggerEvent>,
    pub(crate) for_each_statement: bool,
    pub(crate) function: String,
}

impl Default for TriggerCreateStatement {
    fn default() -> Self {
        Self::new()
    }
}

impl TriggerCreateStatement {
    /// A row-level `AFTER` trigger with no name, event or function yet.
    pub fn new() -> Self {
        Self {
            name: String::new(),
            table: String::new(),
            timing: TriggerTiming::After,
            events: Vec::new(),
            for_each_statement: false,
            function: String::new(),
        }
    }

    /// Sets the trigger name.
    pub fn name(&mut self, name: impl Into<String>) -> &mut Self {
        self.name = name.into();
        self
    }

    /// Sets the table.
    pub fn table(&mut self, table: impl Into<String>) -> &mut Self {
        self.table = table.into();
        self
    }

    /// Sets when it fires.
    pub fn timing(&mut self, timing: TriggerTiming) -> &mut Self {
        self.timing = timing;
        self
    }

    /// Adds an event that fires it.
    pub fn event(&mut self, event: TriggerEvent) -> &mut Self {
        self.events.push(event);
        self
    }

    /// Fires once per statement instead of once per row.
    pub fn for_each_statement(&mut self) -> &mut Self {
        self.for_each_statement = true;
        self
    }

    /// Sets the trigger function (`name` or `schema.name`).
    pub fn function(&mut self, function: impl Into<String>) -> &mut Self {
        self.function = function.into();
        self
    }
}

/// Renders [`TriggerCreateStatement`].
pub trait TriggerBuilder: QuotedBuilder {
    /// Writes the SQL of a [`TriggerCreateStatement`].
    fn prepare_trigger_create_statement(
        &self,
        create: &TriggerCreateStatement,
        sql: &mut impl SqlWriter,
    );
}

impl TriggerBuilder for PostgresQueryBuilder {
    fn prepare_trigger_create_statement(
        &self,
        create: &TriggerCreateStatement,
        sql: &mut impl SqlWriter,
    ) {
        sql.write_str("CREATE TRIGGER ").unwrap();
        write_iden(self, &create.name, sql);
        sql.write_str(match create.timing {
            TriggerTiming::Before => " BEFORE ",
            TriggerTiming::After => " AFTER ",
        })
        .unwrap();
        let mut events = create.events.clone();
        events.sort();
        events.dedup();
        for (i, event) in events.iter().enumerate() {
            if i > 0 {
                sql.write_str(" OR ").unwrap();
            }
            sql.write_str(match event {
                TriggerEvent::Insert => "INSERT",
                TriggerEvent::Update => "UPDATE",
                TriggerEvent::Delete => "DELETE",
            })
            .unwrap();
        }
        sql.write_str(" ON ").unwrap();
        write_iden(self, &create.table, sql);
        sql.write_str(if create.for_each_statement {
            " FOR EACH STATEMENT"
        } else {
            " FOR EACH ROW"
        })
        .unwrap();
        sql.write_str(" EXECUTE FUNCTION ").unwrap();
        write_qualified(self, &create.function, sql);
        sql.write_str("()").unwrap();
    }
}

impl_statement_build!(
    TriggerCreateStatement,
    TriggerBuilder,
    prepare_trigger_create_statement
);
