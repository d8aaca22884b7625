use hingecraft::prelude::*;

/// A crypto wallet a user connected or was given: an address on one chain,
/// used to donate, receive payouts and prove identity. Its balance is a
/// cached reading from the chain.
#[table(
    name = "wallets",
    module = "master",
    layer = "08_crypto_treasury",
    audit,
    versioned,
    timestamps,
    unique(chain, address),
    index(columns(user_id), unique, predicate = "is_primary", name = "uq_wallets_one_primary_per_user")
)]
pub struct Wallet {
    #[hc(primary_key, default_sql = "gen_random_uuid()")]
    pub id: Uuid,
    /// The user who controls the wallet. A user with wallets cannot be
    /// removed outright: their transactions hang off these rows.
    #[hc(owner, references = "users", on_delete = "restrict", indexed)]
    pub user_id: Uuid,
    /// The network the address lives on.
    #[hc(one_of("ethereum", "polygon", "base", "arbitrum", "optimism", "solana", "bitcoin"))]
    pub chain: String,
    /// The public address; EVM addresses are stored lower-case.
    #[hc(max_len = 128)]
    pub address: String,
    /// A name the user gives the wallet.
    #[hc(max_len = 100)]
    pub label: Option<String>,
    /// Who holds the keys.
    #[hc(one_of("external", "custodial", "smart_contract"), default = "external")]
    pub wallet_type: String,
    /// Whether this is the user's default wallet for payouts (at most one per user).
    #[hc(default = false)]
    pub is_primary: bool,
    /// Lifecycle of the wallet on the platform.
    #[hc(one_of("unverified", "verified", "frozen", "archived"), default = "unverified", indexed)]
    pub status: String,
    /// When the user proved control of the address (a signed message).
    pub verified_at: Option<DateTimeWithTimeZone>,
    /// Last read balance of the chain's native asset, in whole units (ETH, SOL...).
    #[hc(precision = 38, scale = 18, min = 0, default_sql = "0")]
    pub balance: Decimal,
    /// When `balance` was last read from the chain.
    pub balance_synced_at: Option<DateTimeWithTimeZone>,
    /// Optimistic-locking counter, bumped on every update.
    #[hc(default = 1)]
    pub version: i32,
    /// Token balances, provider details, ENS name.
    #[hc(default = "{}")]
    pub metadata: Json,
    #[hc(default_sql = "now()")]
    pub created_at: DateTimeWithTimeZone,
    #[hc(default_sql = "now()")]
    pub updated_at: DateTimeWithTimeZone,
}
