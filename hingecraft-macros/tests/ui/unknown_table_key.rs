use hingecraft_runtime::prelude::*;

#[table(name = "users", module = "master", audti)]
pub struct User {
    #[hc(primary_key)]
    pub id: Uuid,
}

fn main() {}
