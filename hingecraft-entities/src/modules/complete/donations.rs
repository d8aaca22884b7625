use hingecraft::prelude::*;

/// A donation as the complete schema sees it: the donor, the amount and how
/// it was paid, with what compliance and reporting add (earmark, anti-money
/// laundering score, sanctions flag, the KYC check that cleared it, the
/// proof-of-benefit it funded) and the Wix item it is mirrored to.
#[table(name = "donations", module = "complete", audit, timestamps)]
pub struct Donation {
    #[hc(primary_key, default_sql = "gen_random_uuid()")]
    pub id: Uuid,
    /// The donor, when signed in; kept empty for guests and after the
    /// donor's account is erased, so the donation itself stays.
    #[hc(owner, references = "users", on_delete = "set null", indexed)]
    pub user_id: Option<Uuid>,
    /// The on-chain transfer that paid a crypto donation.
    #[hc(references = "transactions", on_delete = "restrict", indexed)]
    pub transaction_id: Option<Uuid>,
    /// Donor name as given at checkout (for guests and receipts).
    #[hc(max_len = 255)]
    pub donor_name: Option<String>,
    /// Donor e-mail as given at checkout, where the receipt is sent.
    #[hc(max_len = 255)]
    pub donor_email: Option<String>,
    /// Whether the donor asked not to be named publicly.
    #[hc(default = false)]
    pub is_anonymous: bool,
    /// Amount given, in minor units of `currency` (cents for USD, millionths
    /// for USDC). Crypto paid in a volatile token is recorded at its value at
    /// payment; the token amount is on the transaction.
    #[hc(min = 1)]
    pub amount_minor: i64,
    /// Currency of the amount (ISO 4217 code or a stablecoin ticker).
    #[hc(max_len = 10, default = "USD")]
    pub currency: String,
    /// How the donor paid.
    #[hc(one_of("card", "bank_transfer", "crypto", "paypal", "wix_payments"))]
    pub payment_method: String,
    /// Where the payment stands; `flagged` and `kyc_required` hold a
    /// donation for compliance review (a screening hit, or an amount above
    /// the identity-check threshold) before it is accepted.
    #[hc(
        one_of(
            "pending",
            "processing",
            "completed",
            "failed",
            "refunded",
            "cancelled",
            "flagged",
            "kyc_required"
        ),
        default = "pending",
        indexed
    )]
    pub status: String,
    /// What the donor designated the gift for: `general`, `movement`,
    /// `microfactory`, `scholarship`, or `project:<id>` for one project.
    #[hc(max_len = 100, default = "general", check = "earmark ~ '^[a-z_]+(:[A-Za-z0-9-]+)?$'")]
    pub earmark: String,
    /// Anti-money-laundering risk score from the screening provider, 0
    /// (lowest) to 100.
    #[hc(precision = 5, scale = 2, min = 0, max = 100)]
    pub aml_score: Option<Decimal>,
    /// Whether the donor or the sending address matched a sanctions list
    /// (OFAC SDN or equivalent) at screening.
    #[hc(default = false)]
    pub sanctions_flagged: bool,
    /// The identity check that cleared a donation held as `kyc_required`.
    #[hc(references = "kyc_verifications", on_delete = "set null")]
    pub kyc_verification_id: Option<Uuid>,
    /// Proof-of-benefit metrics the donation funded, for impact reports
    /// (units produced, machine hours funded, bottles saved...).
    #[hc(default = "{}")]
    pub proof_of_benefit: Json,
    /// The id of the item mirroring the donation in the Wix site's data
    /// collection, once synced.
    #[hc(unique, max_len = 255)]
    pub wix_item_id: Option<String>,
    /// When the donation was last synced to its Wix item.
    pub wix_synced_at: Option<DateTimeWithTimeZone>,
    /// When the payment settled.
    pub completed_at: Option<DateTimeWithTimeZone>,
    /// Campaign, attribution and provider details.
    #[hc(default = "{}")]
    pub metadata: Json,
    #[hc(default_sql = "now()")]
    pub created_at: DateTimeWithTimeZone,
    #[hc(default_sql = "now()")]
    pub updated_at: DateTimeWithTimeZone,
}
