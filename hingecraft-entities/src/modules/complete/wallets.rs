use hingecraft::prelude::*;

/// A crypto wallet as the complete schema sees it: an address on one chain,
/// who controls it, and the proof of control (the signed message), with
/// where its keys are kept for custodial and treasury wallets.
#[table(
    name = "wallets",
    module = "complete",
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
    /// For custodial and treasury wallets, whether the keys are online (hot)
    /// or offline (cold); none for a user's own wallet.
    #[hc(one_of("hot", "cold"))]
    pub key_storage: Option<String>,
    /// Whether this is the user's default wallet for payouts (at most one per user).
    #[hc(default = false)]
    pub is_primary: bool,
    /// Lifecycle of the wallet on the platform.
    #[hc(one_of("unverified", "verified", "frozen", "archived"), default = "unverified", indexed)]
    pub status: String,
    /// The message the user signed to prove control of the address (it
    /// names the user and a one-time nonce).
    pub verification_message: Option<String>,
    /// The signature of `verification_message` by the address, as the
    /// wallet returned it (hex or base58).
    #[hc(max_len = 512)]
    pub verification_signature: Option<String>,
    /// When the user proved control of the address (a signed message).
    pub verified_at: Option<DateTimeWithTimeZone>,
    /// When activity of the address was last seen on chain.
    pub last_activity_at: Option<DateTimeWithTimeZone>,
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
