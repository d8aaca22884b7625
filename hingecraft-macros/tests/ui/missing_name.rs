use hingecraft_runtime::prelude::*;

#[table(module = "master")]
pub struct User {
    #[hc(primary_key)]
    pub id: Uuid,
}

fn main() {}
