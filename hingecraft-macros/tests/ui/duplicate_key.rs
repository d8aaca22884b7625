use hingecraft_runtime::prelude::*;

#[table(name = "users", module = "master")]
pub struct User {
    #[hc(primary_key)]
    pub id: Uuid,
    #[hc(max_len = 10)]
    #[hc(max_len = 20)]
    pub email: String,
}

fn main() {}
