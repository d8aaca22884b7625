use hingecraft_schema::prelude::*;

#[table(name = "users", module = "master")]
pub struct User {
    #[hc(primary_key, uniqe)]
    pub id: Uuid,
}

fn main() {}
