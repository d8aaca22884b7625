//! Governance and access rules: roles and permissions, access rules down to
//! single fields, escalation workflows, the audit log, compliance and
//! retention policies, signatures, consents and data subject requests.

use hingecraft::{Module, Stage};

hingecraft::tables!(
    // role-based access control
    roles,
    permissions,
    role_permissions,
    user_roles,
    // access rules
    access_rules,
    field_access_rules,
    // escalation
    escalation_workflows,
    escalation_requests,
    // audit and compliance
    audit_logs,
    compliance_policies,
    policy_acknowledgements,
    data_retention_policies,
    digital_signatures,
    data_subject_requests,
    consents,
);

/// The governance module.
pub fn module() -> Module {
    Module {
        name: "governance".into(),
        stage: Stage::Prototype,
        doc: Some(
            "Roles, permissions, access rules, escalations, audit and compliance records.".into(),
        ),
        depends_on: vec!["master".into(), "codex".into()],
        tables: tables(),
        functions: Vec::new(),
        views: Vec::new(),
    }
}
