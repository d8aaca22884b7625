//! The codex module's SQL functions (migrations 014 to 017): gamification,
//! agent executions, intelligence and alerts. One file per function, each
//! returning its [`Function`]; [`functions`] lists them in the order they
//! are created.
//!
//! Functions that only read or write the session's own rows run with the
//! caller's rights (row-level security applies as to any statement) and get
//! their `search_path` from hardening. The two that write rows of other
//! users, `send_user_notification` and `create_system_alert`, are
//! `SECURITY DEFINER` with a `search_path` of their own; their docs say why.

use hingecraft::model::{Function, FunctionArg, Volatility};

mod acknowledge_alert;
mod calculate_move_success_rate;
mod create_insight_from_signals;
mod create_system_alert;
mod get_active_insights;
mod get_critical_alerts;
mod get_priority_signals;
mod get_user_unread_notifications;
mod mark_notification_as_read;
mod record_agent_execution;
mod send_user_notification;
mod unlock_achievement;
mod update_experience_level;

/// The `search_path` of the `SECURITY DEFINER` functions: system catalog,
/// the schema's tables, and the session's temporary schema last, so that
/// no temporary object shadows a table.
const DEFINER_SEARCH_PATH: [&str; 3] = ["pg_catalog", "public", "pg_temp"];

/// Every function of the codex module, in creation order: the trigger
/// function first, then the functions by migration.
pub fn functions() -> Vec<Function> {
    vec![
        update_experience_level::function(),
        calculate_move_success_rate::function(),
        unlock_achievement::function(),
        record_agent_execution::function(),
        create_insight_from_signals::function(),
        get_active_insights::function(),
        get_priority_signals::function(),
        send_user_notification::function(),
        create_system_alert::function(),
        acknowledge_alert::function(),
        mark_notification_as_read::function(),
        get_user_unread_notifications::function(),
        get_critical_alerts::function(),
    ]
}

/// An argument without a default.
fn arg(name: &str, ty: &str) -> FunctionArg {
    FunctionArg {
        name: name.into(),
        ty: ty.into(),
        default: None,
    }
}

/// An argument with a default, in SQL.
fn arg_or(name: &str, ty: &str, default: &str) -> FunctionArg {
    FunctionArg {
        default: Some(default.into()),
        ..arg(name, ty)
    }
}

/// A PL/pgSQL function running with the caller's rights; hardening fixes
/// its `search_path`.
fn plpgsql(
    name: &str,
    doc: &str,
    args: Vec<FunctionArg>,
    returns: &str,
    volatility: Volatility,
    body: &str,
) -> Function {
    Function {
        name: name.into(),
        doc: Some(doc.into()),
        args,
        returns: returns.into(),
        language: "plpgsql".into(),
        body: body.trim_matches('\n').into(),
        volatility,
        security_definer: false,
        search_path: Vec::new(),
    }
}

/// A PL/pgSQL function running with its owner's rights, with the
/// definer's `search_path`.
fn definer(name: &str, doc: &str, args: Vec<FunctionArg>, returns: &str, body: &str) -> Function {
    Function {
        security_definer: true,
        search_path: DEFINER_SEARCH_PATH.iter().map(|s| (*s).into()).collect(),
        ..plpgsql(name, doc, args, returns, Volatility::Volatile, body)
    }
}
