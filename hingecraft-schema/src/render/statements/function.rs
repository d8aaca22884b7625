//! `CREATE OR REPLACE FUNCTION` and `DROP FUNCTION`.

use sea_query::{PostgresQueryBuilder, QuotedBuilder, SqlWriter};

use super::{impl_statement_build, write_iden, write_joined, write_qualified};
use crate::model::{Function, FunctionArg, Volatility};

/// `CREATE [OR REPLACE] FUNCTION name(args) RETURNS type LANGUAGE lang
/// volatility [SECURITY DEFINER] [SET search_path = ...] AS $tag$body$tag$`.
///
/// The body is written between dollar quotes exactly as given, so that the
/// function's stored source equals the model's body. The tag is `$fn$`, or
/// `$fn1$`, `$fn2$`... when the body itself contains the shorter one.
///
/// ```
/// use hingecraft_schema::model::Volatility;
/// use hingecraft_schema::render::statements::FunctionCreateStatement;
/// use sea_query::PostgresQueryBuilder;
///
/// assert_eq!(
///     FunctionCreateStatement::new()
///         .name("one")
///         .returns("integer")
///         .language("sql")
///         .volatility(Volatility::Immutable)
///         .body("SELECT 1")
///         .or_replace()
///         .to_string(PostgresQueryBuilder),
///     r#"CREATE OR REPLACE FUNCTION "one"() RETURNS integer LANGUAGE sql IMMUTABLE AS $fn$SELECT 1$fn$"#
/// );
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FunctionCreateStatement {
    pub(crate) or_replace: bool,
    pub(crate) name: String,
    pub(crate) args: Vec<FunctionArg>,
    pub(crate) returns: String,
    pub(crate) language: String,
    pub(crate) volatility: Volatility,
    pub(crate) security_definer: bool,
    pub(crate) search_path: Vec<String>,
    pub(crate) body: String,
}

impl FunctionCreateStatement {
    /// An empty statement.
    pub fn new() -> Self {
        Self::default()
    }

    /// `CREATE OR REPLACE FUNCTION` for a function of the model.
    pub fn from_model(function: &Function) -> Self {
        Self {
            or_replace: true,
            name: function.name.clone(),
            args: function.args.clone(),
            returns: function.returns.clone(),
            language: function.language.clone(),
            volatility: function.volatility,
            security_definer: function.security_definer,
            search_path: function.search_path.clone(),
            body: function.body.clone(),
        }
    }

    /// Adds `OR REPLACE`.
    pub fn or_replace(&mut self) -> &mut Self {
        self.or_replace = true;
        self
    }

    /// Sets the name (`name` or `schema.name`).
    pub fn name(&mut self, name: impl Into<String>) -> &mut Self {
        self.name = name.into();
        self
    }

    /// Adds an argument.
    pub fn arg(&mut self, arg: FunctionArg) -> &mut Self {
        self.args.push(arg);
        self
    }

    /// Sets the return type, in SQL.
    pub fn returns(&mut self, returns: impl Into<String>) -> &mut Self {
        self.returns = returns.into();
        self
    }

    /// Sets the language (`plpgsql`, `sql`).
    pub fn language(&mut self, language: impl Into<String>) -> &mut Self {
        self.language = language.into();
        self
    }

    /// Sets the volatility.
    pub fn volatility(&mut self, volatility: Volatility) -> &mut Self {
        self.volatility = volatility;
        self
    }

    /// Adds `SECURITY DEFINER`.
    pub fn security_definer(&mut self) -> &mut Self {
        self.security_definer = true;
        self
    }

    /// Adds a schema to the fixed `search_path`.
    pub fn search_path(&mut self, schema: impl Into<String>) -> &mut Self {
        self.search_path.push(schema.into());
        self
    }

    /// Sets the body, without dollar quotes.
    pub fn body(&mut self, body: impl Into<String>) -> &mut Self {
        self.body = body.into();
        self
    }
}

/// `DROP FUNCTION [IF EXISTS] name(arg types) [CASCADE]`.
///
/// ```
/// use hingecraft_schema::render::statements::FunctionDropStatement;
/// use sea_query::PostgresQueryBuilder;
///
/// assert_eq!(
///     FunctionDropStatement::new().name("touch").arg_type("uuid").if_exists().cascade().to_string(PostgresQueryBuilder),
///     r#"DROP FUNCTION IF EXISTS "touch"(uuid) CASCADE"#
/// );
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FunctionDropStatement {
    pub(crate) name: String,
    pub(crate) arg_types: Vec<String>,
    pub(crate) if_exists: bool,
    pub(crate) cascade: bool,
}

impl FunctionDropStatement {
    /// An empty statement.
    pub fn new() -> Self {
        Self::default()
    }

    /// `DROP FUNCTION IF EXISTS ... CASCADE` for a function of the model.
    pub fn from_model(function: &Function) -> Self {
        Self {
            name: function.name.clone(),
            arg_types: function.args.iter().map(|a| a.ty.clone()).collect(),
            if_exists: true,
            cascade: true,
        }
    }

    /// Sets the name (`name` or `schema.name`).
    pub fn name(&mut self, name: impl Into<String>) -> &mut Self {
        self.name = name.into();
        self
    }

    /// Adds an argument type: overloads are told apart by them.
    pub fn arg_type(&mut self, ty: impl Into<String>) -> &mut Self {
        self.arg_types.push(ty.into());
        self
    }

    /// Adds `IF EXISTS`.
    pub fn if_exists(&mut self) -> &mut Self {
        self.if_exists = true;
        self
    }

    /// Adds `CASCADE` (drops triggers and defaults that use it).
    pub fn cascade(&mut self) -> &mut Self {
        self.cascade = true;
        self
    }
}

/// Renders [`FunctionCreateStatement`] and [`FunctionDropStatement`].
pub trait FunctionBuilder: QuotedBuilder {
    /// Writes the SQL of a [`FunctionCreateStatement`].
    fn prepare_function_create_statement(
        &self,
        create: &FunctionCreateStatement,
        sql: &mut impl SqlWriter,
    );

    /// Writes the SQL of a [`FunctionDropStatement`].
    fn prepare_function_drop_statement(
        &self,
        drop: &FunctionDropStatement,
        sql: &mut impl SqlWriter,
    );
}

impl FunctionBuilder for PostgresQueryBuilder {
    fn prepare_function_create_statement(
        &self,
        create: &FunctionCreateStatement,
        sql: &mut impl SqlWriter,
    ) {
        sql.write_str(if create.or_replace {
            "CREATE OR REPLACE FUNCTION "
        } else {
            "CREATE FUNCTION "
        })
        .unwrap();
        write_qualified(self, &create.name, sql);
        sql.write_str("(").unwrap();
        write_joined(&create.args, sql, |arg, sql| {
            write_iden(self, &arg.name, sql);
            sql.write_str(" ").unwrap();
            sql.write_str(&arg.ty).unwrap();
            if let Some(default) = &arg.default {
                sql.write_str(" DEFAULT ").unwrap();
                sql.write_str(default).unwrap();
            }
        });
        sql.write_str(") RETURNS ").unwrap();
        sql.write_str(&create.returns).unwrap();
        sql.write_str(" LANGUAGE ").unwrap();
        sql.write_str(&create.language).unwrap();
        sql.write_str(match create.volatility {
            Volatility::Volatile => " VOLATILE",
            Volatility::Stable => " STABLE",
            Volatility::Immutable => " IMMUTABLE",
        })
        .unwrap();
        if create.security_definer {
            sql.write_str(" SECURITY DEFINER").unwrap();
        }
        if !create.search_path.is_empty() {
            sql.write_str(" SET search_path = ").unwrap();
            write_joined(&create.search_path, sql, |schema, sql| {
                write_iden(self, schema, sql)
            });
        }
        let tag = dollar_tag(&create.body);
        sql.write_str(" AS ").unwrap();
        sql.write_str(&tag).unwrap();
        sql.write_str(&create.body).unwrap();
        sql.write_str(&tag).unwrap();
    }

    fn prepare_function_drop_statement(
        &self,
        drop: &FunctionDropStatement,
        sql: &mut impl SqlWriter,
    ) {
        sql.write_str("DROP FUNCTION ").unwrap();
        if drop.if_exists {
            sql.write_str("IF EXISTS ").unwrap();
        }
        write_qualified(self, &drop.name, sql);
        sql.write_str("(").unwrap();
        write_joined(&drop.arg_types, sql, |ty, sql| sql.write_str(ty).unwrap());
        sql.write_str(")").unwrap();
        if drop.cascade {
            sql.write_str(" CASCADE").unwrap();
        }
    }
}

impl_statement_build!(
    FunctionCreateStatement,
    FunctionBuilder,
    prepare_function_create_statement
);
impl_statement_build!(
    FunctionDropStatement,
    FunctionBuilder,
    prepare_function_drop_statement
);

/// A dollar-quote tag that cannot end the body early.
///
/// The body ends where the closing tag first occurs, so the tag must not
/// occur in the body, nor be formed by the body's last characters followed
/// by the tag (a body ending in `$fn` would close at `$fn` + `$`).
fn dollar_tag(body: &str) -> String {
    (0u64..)
        .map(|i| {
            if i == 0 {
                "$fn$".to_owned()
            } else {
                format!("$fn{i}$")
            }
        })
        .find(|tag| format!("{body}{tag}").find(tag.as_str()) == Some(body.len()))
        .expect("a body is finite, so some tag is free")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dollar_tag_avoids_the_body() {
        assert_eq!(dollar_tag("BEGIN RETURN NEW; END"), "$fn$");
        assert_eq!(dollar_tag("SELECT '$fn$'"), "$fn1$");
        assert_eq!(dollar_tag("SELECT '$fn$', '$fn1$'"), "$fn2$");
        // `$fn` at the very end would merge with the closing tag.
        assert_eq!(dollar_tag("SELECT 1 -- $fn"), "$fn1$");
    }

    #[test]
    fn full_statement() {
        let sql = FunctionCreateStatement::new()
            .or_replace()
            .name("app.touch")
            .arg(FunctionArg {
                name: "at".into(),
                ty: "timestamptz".into(),
                default: Some("now()".into()),
            })
            .returns("trigger")
            .language("plpgsql")
            .security_definer()
            .search_path("app")
            .search_path("pg_catalog")
            .body("BEGIN NEW.updated_at := at; RETURN NEW; END")
            .to_string(PostgresQueryBuilder);
        assert_eq!(
            sql,
            r#"CREATE OR REPLACE FUNCTION "app"."touch"("at" timestamptz DEFAULT now()) RETURNS trigger LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = "app", "pg_catalog" AS $fn$BEGIN NEW.updated_at := at; RETURN NEW; END$fn$"#
        );
    }
}
