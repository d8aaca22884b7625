use hingecraft_runtime::prelude::*;

#[table(name = "users", module = "master")]
pub struct User {
    #[hc(primary_key, uniqe)]
    pub id: Uuid,
}

fn main() {}
