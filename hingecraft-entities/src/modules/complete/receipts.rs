use hingecraft::prelude::*;

/// A donation receipt as the complete schema sees it: the number, the donor
/// as printed, the amount, and the rendered document (its stored file, its
/// hash), with the issuer's tax id and the tax year it counts for.
#[table(name = "receipts", module = "complete", audit, timestamps, rls)]
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
    /// Currency of the amounts.
    #[hc(max_len = 10)]
    pub currency: String,
    /// The issuer's tax identification number printed on the receipt (an
    /// EIN in the United States).
    #[hc(max_len = 50)]
    pub issuer_tax_id: Option<String>,
    /// The tax year the donation counts for.
    #[hc(min = 2000, max = 2200)]
    pub tax_year: Option<i16>,
    /// When the receipt was issued.
    pub issued_at: Option<DateTimeWithTimeZone>,
    /// When the receipt was sent to the donor.
    pub sent_at: Option<DateTimeWithTimeZone>,
    /// Where the rendered receipt (PDF) is stored.
    pub document_url: Option<String>,
    /// The rendered receipt's key in object storage, for signed downloads.
    #[hc(max_len = 1024)]
    pub document_storage_key: Option<String>,
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
