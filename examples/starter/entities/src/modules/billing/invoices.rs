use hingecraft::prelude::*;

/// An invoice sent to a customer. A voided invoice is soft-deleted: the row
/// stays, for the books and the audit log.
#[table(
    name = "invoices",
    module = "billing",
    layer = "03_billing",
    audit,
    timestamps,
    soft_delete,
    unique(workspace_id, number)
)]
pub struct Invoice {
    #[hc(primary_key, default_sql = "gen_random_uuid()")]
    pub id: Uuid,
    /// The workspace the invoice belongs to.
    #[hc(tenant, references = "workspaces", entity = "crate::modules::platform::workspaces", on_delete = "cascade")]
    pub workspace_id: Uuid,
    /// The customer billed.
    #[hc(references = "customers", on_delete = "restrict")]
    pub customer_id: Uuid,
    /// The invoice number, unique in its workspace.
    #[hc(max_len = 32)]
    pub number: String,
    /// The amount due, in cents of `currency`.
    #[hc(min = 0)]
    pub amount_cents: i64,
    /// ISO 4217 currency code.
    #[hc(max_len = 3, default = "EUR")]
    pub currency: String,
    /// Where the invoice stands.
    #[hc(max_len = 20, one_of("draft", "issued", "paid"), default = "draft")]
    pub status: String,
    /// When the invoice was sent.
    pub issued_at: Option<DateTimeWithTimeZone>,
    /// When the invoice was made.
    #[hc(default_sql = "now()")]
    pub created_at: DateTimeWithTimeZone,
    /// Set when the invoice is voided; the row stays.
    pub deleted_at: Option<DateTimeWithTimeZone>,
}
