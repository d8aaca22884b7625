use hingecraft_runtime::prelude::*;

/// `self_` would make SeaORM's `Column::Self`.
#[table(name = "notes", module = "m")]
pub struct Note {
    #[hc(primary_key)]
    pub id: i64,
    #[hc(name = "self")]
    pub self_: String,
}

fn main() {}
