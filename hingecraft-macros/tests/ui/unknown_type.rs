use hingecraft_runtime::prelude::*;

pub struct Money(i64);

#[table(name = "wallets", module = "master")]
pub struct Wallet {
    #[hc(primary_key)]
    pub id: Uuid,
    pub balance: Money,
    #[hc(sql_type = "money")]
    pub other: i64,
}

fn main() {}
