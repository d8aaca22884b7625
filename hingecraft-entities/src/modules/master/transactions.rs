use hingecraft::prelude::*;

/// An on-chain transfer into or out of a platform wallet: one row per
/// transaction hash, followed from submission to confirmation. A transfer
/// between two platform wallets is recorded once, against the sending wallet.
#[table(
    name = "transactions",
    module = "master",
    layer = "08_crypto_treasury",
    audit,
    timestamps,
    rls,
    index(columns(wallet_id, created_at))
)]
pub struct Transaction {
    #[hc(primary_key, default_sql = "gen_random_uuid()")]
    pub id: Uuid,
    /// The platform wallet the transfer is recorded against.
    #[hc(references = "wallets", on_delete = "restrict")]
    pub wallet_id: Uuid,
    /// The treasury account credited or debited, when the transfer moves
    /// treasury funds.
    #[hc(references = "treasury_accounts", on_delete = "restrict", indexed)]
    pub treasury_account_id: Option<Uuid>,
    /// The network.
    #[hc(one_of("ethereum", "polygon", "base", "arbitrum", "optimism", "solana", "bitcoin"))]
    pub chain: String,
    /// The transaction hash; empty until the transaction is broadcast.
    #[hc(unique, max_len = 128)]
    pub tx_hash: Option<String>,
    /// Whether funds leave or reach `wallet_id`.
    #[hc(one_of("inbound", "outbound"))]
    pub direction: String,
    /// What the transfer is for.
    #[hc(
        name = "type",
        one_of("transfer", "donation", "payout", "refund", "swap", "fee"),
        default = "transfer"
    )]
    pub kind: String,
    /// Sending address.
    #[hc(max_len = 128)]
    pub from_address: String,
    /// Receiving address.
    #[hc(max_len = 128)]
    pub to_address: String,
    /// Token ticker (ETH, USDC...).
    #[hc(max_len = 10)]
    pub currency: String,
    /// Token contract address; empty for the chain's native asset.
    #[hc(max_len = 128)]
    pub token_contract: Option<String>,
    /// Amount transferred, in whole token units.
    #[hc(precision = 38, scale = 18, min = 0)]
    pub amount: Decimal,
    /// Network fee paid, in whole units of the chain's native asset.
    #[hc(precision = 38, scale = 18, min = 0)]
    pub fee: Option<Decimal>,
    /// Value of `amount` at confirmation, in minor units of `fiat_currency`.
    #[hc(min = 0)]
    pub fiat_value_minor: Option<i64>,
    /// Currency of `fiat_value_minor` (ISO 4217).
    #[hc(max_len = 10)]
    pub fiat_currency: Option<String>,
    /// Where the transfer stands on chain.
    #[hc(one_of("pending", "submitted", "confirmed", "failed", "dropped"), default = "pending", indexed)]
    pub status: String,
    /// Block that included the transaction.
    #[hc(min = 0)]
    pub block_number: Option<i64>,
    /// Blocks mined on top of it when last checked.
    #[hc(min = 0, default = 0)]
    pub confirmations: i32,
    /// When the transaction reached the required confirmations.
    pub confirmed_at: Option<DateTimeWithTimeZone>,
    /// Why the transaction failed or was dropped.
    pub failure_reason: Option<String>,
    /// Raw receipt fields, log index, nonce, gas details.
    #[hc(default = "{}")]
    pub metadata: Json,
    #[hc(default_sql = "now()")]
    pub created_at: DateTimeWithTimeZone,
    #[hc(default_sql = "now()")]
    pub updated_at: DateTimeWithTimeZone,
}
