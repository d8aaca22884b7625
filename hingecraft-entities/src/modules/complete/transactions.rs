use hingecraft::prelude::*;

/// An on-chain transfer as the complete schema sees it: one row per
/// transaction hash, with the block it landed in, the memo it carried, and
/// its booking in the internal ledger (account and reconciliation).
#[table(
    name = "transactions",
    module = "complete",
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
    /// Amount transferred, in whole token units.
    #[hc(precision = 38, scale = 18, min = 0)]
    pub amount: Decimal,
    /// Value of `amount` at confirmation, in minor units of `fiat_currency`.
    #[hc(min = 0)]
    pub fiat_value_minor: Option<i64>,
    /// Currency of `fiat_value_minor` (ISO 4217).
    #[hc(max_len = 10)]
    pub fiat_currency: Option<String>,
    /// The memo or reference the sender attached on chain (Solana memo,
    /// Stellar memo, EVM input note), which often names the donor or purpose.
    #[hc(max_len = 512)]
    pub memo: Option<String>,
    /// Where the transfer stands on chain.
    #[hc(one_of("pending", "submitted", "confirmed", "failed", "dropped"), default = "pending", indexed)]
    pub status: String,
    /// Block that included the transaction.
    #[hc(min = 0)]
    pub block_number: Option<i64>,
    /// Hash of that block, to detect a reorganisation that dropped it.
    #[hc(max_len = 128)]
    pub block_hash: Option<String>,
    /// The block's timestamp, as the chain records it.
    pub block_time: Option<DateTimeWithTimeZone>,
    /// Blocks mined on top of it when last checked.
    #[hc(min = 0, default = 0)]
    pub confirmations: i32,
    /// When the transaction reached the required confirmations.
    pub confirmed_at: Option<DateTimeWithTimeZone>,
    /// The general-ledger account the transfer is booked to (e.g.
    /// `4000-donations`), for the finance team's books.
    #[hc(max_len = 50)]
    pub gl_account: Option<String>,
    /// When the finance team matched the transfer against the books.
    pub reconciled_at: Option<DateTimeWithTimeZone>,
    /// Raw receipt fields, log index, nonce, gas details.
    #[hc(default = "{}")]
    pub metadata: Json,
    #[hc(default_sql = "now()")]
    pub created_at: DateTimeWithTimeZone,
    #[hc(default_sql = "now()")]
    pub updated_at: DateTimeWithTimeZone,
}
