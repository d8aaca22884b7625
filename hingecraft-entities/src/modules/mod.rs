//! Source modules: each is one partial view of the platform's schema.
//!
//! The platform's own modules (`master`, `codex`, `complete`, `rag`, `governance`) and the accounts
//! example of the lifecycle (`master_view`, `account_management`,
//! `service_scheduler`, `territories`, completed by the canonical `busm`).

pub mod account_management;
pub mod busm;
pub mod codex;
pub mod complete;
pub mod governance;
pub mod master;
pub mod master_view;
pub mod rag;
pub mod service_scheduler;
pub mod territories;
