use hingecraft_schema::prelude::*;

#[table(name = "users", module = "master")]
pub struct User {
    pub email: String,
}

fn main() {}
