use hingecraft_schema::prelude::*;

#[table(name = "users", module = "master", audti)]
pub struct User {
    #[hc(primary_key)]
    pub id: Uuid,
}

fn main() {}
