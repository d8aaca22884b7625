use hingecraft::prelude::*;

/// A donation made by a donor (a user, or a guest who gave a name and
/// e-mail), paid by card, bank transfer or crypto, and credited to a
/// treasury account.
#[table(name = "donations", module = "master", layer = "08_crypto_treasury", audit, timestamps)]
pub struct Donation {
    #[hc(primary_key, default_sql = "gen_random_uuid()")]
    pub id: Uuid,
    /// The donor, when signed in; kept empty for guests and after the
    /// donor's account is erased, so the donation itself stays.
    #[hc(owner, references = "users", on_delete = "set null", indexed)]
    pub user_id: Option<Uuid>,
    /// The treasury account the funds are credited to.
    #[hc(references = "treasury_accounts", on_delete = "restrict", indexed)]
    pub treasury_account_id: Option<Uuid>,
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
    /// The payment provider handling the donation.
    #[hc(max_len = 50)]
    pub provider: Option<String>,
    /// The provider's id for the payment.
    #[hc(unique, max_len = 255)]
    pub provider_reference: Option<String>,
    /// Whether the donation repeats.
    #[hc(one_of("one_time", "monthly", "yearly"), default = "one_time")]
    pub frequency: String,
    /// Where the payment stands.
    #[hc(
        one_of("pending", "processing", "completed", "failed", "refunded", "cancelled"),
        default = "pending",
        indexed
    )]
    pub status: String,
    /// A message from the donor.
    #[hc(max_len = 1000)]
    pub message: Option<String>,
    /// When the payment settled.
    pub completed_at: Option<DateTimeWithTimeZone>,
    /// When the donation was refunded.
    pub refunded_at: Option<DateTimeWithTimeZone>,
    /// Campaign, attribution and provider details.
    #[hc(default = "{}")]
    pub metadata: Json,
    #[hc(default_sql = "now()")]
    pub created_at: DateTimeWithTimeZone,
    #[hc(default_sql = "now()")]
    pub updated_at: DateTimeWithTimeZone,
}
