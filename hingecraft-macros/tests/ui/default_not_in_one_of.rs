use hingecraft_runtime::prelude::*;

#[table(name = "users", module = "master")]
pub struct User {
    #[hc(primary_key)]
    pub id: Uuid,
    #[hc(one_of("active", "suspended"), default = "deleted")]
    pub status: String,
}

fn main() {}
