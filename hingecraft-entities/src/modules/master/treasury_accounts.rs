use hingecraft::prelude::*;

/// A pool of funds a workspace holds for one purpose (operations, reserve,
/// grants, donations received), on chain, at a custodian or in a bank, with
/// its running balance.
#[table(
    name = "treasury_accounts",
    module = "master",
    layer = "08_crypto_treasury",
    audit,
    versioned,
    timestamps,
    unique(workspace_id, name)
)]
pub struct TreasuryAccount {
    #[hc(primary_key, default_sql = "gen_random_uuid()")]
    pub id: Uuid,
    /// The workspace holding the funds. A workspace with treasury accounts
    /// cannot be removed outright.
    #[hc(tenant, references = "workspaces", entity = "crate::modules::codex::workspaces", on_delete = "restrict")]
    pub workspace_id: Uuid,
    /// Name shown to the workspace's finance team.
    #[hc(max_len = 255)]
    pub name: String,
    /// What the funds are for.
    #[hc(one_of("operating", "reserve", "grants", "donations", "payouts"), default = "operating")]
    pub purpose: String,
    /// Where the funds are held.
    #[hc(one_of("on_chain", "custodial", "bank"), default = "on_chain")]
    pub custody: String,
    /// The network, for on-chain accounts.
    #[hc(one_of("ethereum", "polygon", "base", "arbitrum", "optimism", "solana", "bitcoin"))]
    pub chain: Option<String>,
    /// The account's address (on chain) or masked account number (bank, custodian).
    #[hc(max_len = 128)]
    pub address: Option<String>,
    /// Currency or token of the balance (ISO 4217 code or ticker such as USDC).
    #[hc(max_len = 10)]
    pub currency: String,
    /// Current balance in whole units of `currency`; exact decimal, 18 places
    /// so that on-chain token amounts fit without rounding.
    #[hc(precision = 38, scale = 18, min = 0, default_sql = "0")]
    pub balance: Decimal,
    /// When `balance` was last reconciled with the chain, custodian or bank.
    pub reconciled_at: Option<DateTimeWithTimeZone>,
    /// Approvals needed to move funds out (multi-signature threshold).
    #[hc(min = 1, default = 1)]
    pub approvals_required: i16,
    /// Lifecycle of the account.
    #[hc(one_of("active", "frozen", "closed"), default = "active")]
    pub status: String,
    /// Optimistic-locking counter, bumped on every balance change.
    #[hc(default = 1)]
    pub version: i32,
    /// Signer list, custodian references, limits.
    #[hc(default = "{}")]
    pub metadata: Json,
    #[hc(default_sql = "now()")]
    pub created_at: DateTimeWithTimeZone,
    #[hc(default_sql = "now()")]
    pub updated_at: DateTimeWithTimeZone,
}
