//! Source modules: each is one partial view of the starter's schema.

pub mod billing;
pub mod crm;
pub mod platform;
pub mod reference;
