use hingecraft_runtime::prelude::*;

#[table(name = "user", module = "master")]
pub struct User {
    #[hc(primary_key)]
    pub id: Uuid,
    #[hc(name = "order")]
    pub position: i32,
}

fn main() {}
