use hingecraft_runtime::prelude::*;

#[table(name = "posts", module = "master")]
pub struct Post {
    #[hc(primary_key)]
    pub id: Uuid,
    #[hc(references = "posts", on_delete = "set null")]
    pub parent_id: Uuid,
}

fn main() {}
