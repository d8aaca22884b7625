use hingecraft_runtime::prelude::*;

#[table(name = "users", module = "master")]
pub struct User {
    pub email: String,
}

fn main() {}
