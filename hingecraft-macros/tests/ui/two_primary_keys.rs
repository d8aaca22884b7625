use hingecraft_runtime::prelude::*;

#[table(name = "users", module = "master")]
pub struct User {
    #[hc(primary_key)]
    pub id: Uuid,
    #[hc(primary_key)]
    pub email: String,
}

fn main() {}
