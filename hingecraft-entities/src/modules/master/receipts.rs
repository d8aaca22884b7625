use hingecraft::prelude::*;

/// A receipt issued for a donation, with a sequential number and the donor's
/// details as printed; tax-deductible receipts state the deductible amount.
/// Once issued, its amounts and names never change: a wrong receipt is
/// voided and a new one issued.
#[table(name = "receipts", module = "master", layer = "08_crypto_treasury", audit, timestamps, rls)]
pub struct Receipt {
    #[hc(primary_key, default_sql = "gen_random_uuid()")]
    pub id: Uuid,
    /// The donation receipted.
    #[hc(references = "donations", on_delete = "restrict", indexed)]
    pub donation_id: Uuid,
    /// The number printed on the receipt, unique across the platform.
    #[hc(unique, max_len = 50)]
    pub receipt_number: String,
    /// What kind of receipt this is.
    #[hc(one_of("acknowledgement", "tax_deductible", "refund"), default = "acknowledgement")]
    pub receipt_type: String,
    /// Where the receipt stands.
    #[hc(one_of("draft", "issued", "sent", "void"), default = "draft", indexed)]
    pub status: String,
    /// Name the receipt is made out to.
    #[hc(max_len = 255)]
    pub issued_to_name: String,
    /// E-mail the receipt is sent to.
    #[hc(max_len = 255)]
    pub issued_to_email: Option<String>,
    /// Amount receipted, in minor units of `currency`.
    #[hc(min = 0)]
    pub amount_minor: i64,
    /// Part of the amount that is tax-deductible, in minor units of `currency`.
    #[hc(min = 0)]
    pub deductible_amount_minor: Option<i64>,
    /// Currency of the amounts.
    #[hc(max_len = 10)]
    pub currency: String,
    /// Country whose tax rules the receipt follows (ISO 3166-1 alpha-2).
    #[hc(max_len = 2)]
    pub jurisdiction: Option<String>,
    /// When the receipt was issued.
    pub issued_at: Option<DateTimeWithTimeZone>,
    /// When the receipt was sent to the donor.
    pub sent_at: Option<DateTimeWithTimeZone>,
    /// When the receipt was voided.
    pub voided_at: Option<DateTimeWithTimeZone>,
    /// Why the receipt was voided.
    pub void_reason: Option<String>,
    /// Where the rendered receipt (PDF) is stored.
    pub document_url: Option<String>,
    /// SHA-256 of the rendered receipt, hex, to prove it was not altered.
    #[hc(max_len = 64)]
    pub document_sha256: Option<String>,
    /// Issuer details printed on the receipt (legal name, tax id, address).
    #[hc(default = "{}")]
    pub metadata: Json,
    #[hc(default_sql = "now()")]
    pub created_at: DateTimeWithTimeZone,
    #[hc(default_sql = "now()")]
    pub updated_at: DateTimeWithTimeZone,
}
