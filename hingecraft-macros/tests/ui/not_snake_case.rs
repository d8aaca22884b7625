use hingecraft_runtime::prelude::*;

#[table(name = "UserAccounts", module = "master")]
pub struct User {
    #[hc(primary_key)]
    pub id: Uuid,
    #[hc(name = "eMail")]
    pub email: String,
}

fn main() {}
