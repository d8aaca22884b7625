use hingecraft_schema::prelude::*;

#[table(module = "master")]
pub struct User {
    #[hc(primary_key)]
    pub id: Uuid,
}

fn main() {}
