//! `CREATE POLICY`.

use sea_query::{PostgresQueryBuilder, QuotedBuilder, SqlWriter};

use super::{impl_statement_build, write_iden, write_joined};
use crate::model::PolicyCommand;

/// `CREATE POLICY name ON table AS {PERMISSIVE | RESTRICTIVE} FOR command
/// TO roles [USING (expr)] [WITH CHECK (expr)]`.
///
/// No roles means `TO PUBLIC`. The role names `public`, `current_user`,
/// `current_role` and `session_user` are keywords there and are written
/// unquoted; any other role is a quoted identifier. The expressions are SQL
/// and written verbatim, in parentheses.
///
/// ```
/// use hingecraft_schema::model::PolicyCommand;
/// use hingecraft_schema::render::statements::PolicyCreateStatement;
/// use sea_query::PostgresQueryBuilder;
///
/// assert_eq!(
///     PolicyCreateStatement::new()
///         .name("own_rows")
///         .table("notes")
///         .command(PolicyCommand::Select)
///         .role("app_user")
///         .using("owner_id = current_setting('app.user_id')::uuid")
///         .to_string(PostgresQueryBuilder),
///     r#"CREATE POLICY "own_rows" ON "notes" AS PERMISSIVE FOR SELECT TO "app_user" USING (owner_id = current_setting('app.user_id')::uuid)"#
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyCreateStatement {
    pub(crate) name: String,
    pub(crate) table: String,
    pub(crate) restrictive: bool,
    pub(crate) command: PolicyCommand,
    pub(crate) roles: Vec<String>,
    pub(crate) using: Option<String>,
    pub(crate) with_check: Option<String>,
}

impl Default for PolicyCreateStatement {
    fn default() -> Self {
        Self::new()
    }
}

impl PolicyCreateStatement {
    /// A permissive policy for every command and role, with no name yet.
    pub fn new() -> Self {
        Self {
            name: String::new(),
            table: String::new(),
            restrictive: false,
            command: PolicyCommand::All,
            roles: Vec::new(),
            using: None,
            with_check: None,
        }
    }

    /// Sets the policy name.
    pub fn name(&mut self, name: impl Into<String>) -> &mut Self {
        self.name = name.into();
        self
    }

    /// Sets the table.
    pub fn table(&mut self, table: impl Into<String>) -> &mut Self {
        self.table = table.into();
        self
    }

    /// Makes the policy `RESTRICTIVE` (combined with AND instead of OR).
    pub fn restrictive(&mut self) -> &mut Self {
        self.restrictive = true;
        self
    }

    /// Sets the statements it applies to.
    pub fn command(&mut self, command: PolicyCommand) -> &mut Self {
        self.command = command;
        self
    }

    /// Adds a role it applies to.
    pub fn role(&mut self, role: impl Into<String>) -> &mut Self {
        self.roles.push(role.into());
        self
    }

    /// Adds roles it applies to.
    pub fn roles<I, S>(&mut self, roles: I) -> &mut Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.roles.extend(roles.into_iter().map(Into::into));
        self
    }

    /// Sets the `USING` expression (which existing rows are visible).
    pub fn using(&mut self, expr: impl Into<String>) -> &mut Self {
        self.using = Some(expr.into());
        self
    }

    /// Sets the `WITH CHECK` expression (which new rows are allowed).
    pub fn with_check(&mut self, expr: impl Into<String>) -> &mut Self {
        self.with_check = Some(expr.into());
        self
    }
}

/// Renders [`PolicyCreateStatement`].
pub trait PolicyBuilder: QuotedBuilder {
    /// Writes the SQL of a [`PolicyCreateStatement`].
    fn prepare_policy_create_statement(
        &self,
        create: &PolicyCreateStatement,
        sql: &mut impl SqlWriter,
    );
}

/// Role specifications that are keywords in `TO ...`, not role names.
const ROLE_KEYWORDS: [&str; 4] = ["public", "current_role", "current_user", "session_user"];

impl PolicyBuilder for PostgresQueryBuilder {
    fn prepare_policy_create_statement(
        &self,
        create: &PolicyCreateStatement,
        sql: &mut impl SqlWriter,
    ) {
        sql.write_str("CREATE POLICY ").unwrap();
        write_iden(self, &create.name, sql);
        sql.write_str(" ON ").unwrap();
        write_iden(self, &create.table, sql);
        sql.write_str(if create.restrictive {
            " AS RESTRICTIVE"
        } else {
            " AS PERMISSIVE"
        })
        .unwrap();
        sql.write_str(" FOR ").unwrap();
        sql.write_str(create.command.as_sql()).unwrap();
        sql.write_str(" TO ").unwrap();
        if create.roles.is_empty() {
            sql.write_str("PUBLIC").unwrap();
        } else {
            write_joined(&create.roles, sql, |role, sql| {
                let lower = role.to_ascii_lowercase();
                if ROLE_KEYWORDS.contains(&lower.as_str()) {
                    sql.write_str(&lower.to_ascii_uppercase()).unwrap();
                } else {
                    write_iden(self, role, sql);
                }
            });
        }
        if let Some(using) = &create.using {
            sql.write_str(" USING (").unwrap();
            sql.write_str(using).unwrap();
            sql.write_str(")").unwrap();
        }
        if let Some(check) = &create.with_check {
            sql.write_str(" WITH CHECK (").unwrap();
            sql.write_str(check).unwrap();
            sql.write_str(")").unwrap();
        }
    }
}

impl_statement_build!(
    PolicyCreateStatement,
    PolicyBuilder,
    prepare_policy_create_statement
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_roles_means_public() {
        let sql = PolicyCreateStatement::new()
            .name("p")
            .table("t")
            .using("true")
            .to_string(PostgresQueryBuilder);
        assert_eq!(
            sql,
            r#"CREATE POLICY "p" ON "t" AS PERMISSIVE FOR ALL TO PUBLIC USING (true)"#
        );
    }

    #[test]
    fn role_keywords_stay_unquoted() {
        let sql = PolicyCreateStatement::new()
            .name("p")
            .table("t")
            .restrictive()
            .command(PolicyCommand::Insert)
            .roles(["current_user", "app\"role"])
            .with_check("false")
            .to_string(PostgresQueryBuilder);
        assert_eq!(
            sql,
            r#"CREATE POLICY "p" ON "t" AS RESTRICTIVE FOR INSERT TO CURRENT_USER, "app""role" WITH CHECK (false)"#
        );
    }
}
