use hingecraft_runtime::prelude::*;

#[table(name = "docs", module = "m")]
pub struct Doc {
    #[hc(primary_key)]
    pub id: Uuid,
    pub title: String,
    #[hc(sql_type = "tsvector", generated = "to_tsvector('english'::regconfig, title)")]
    pub search: String,
    #[hc(sql_type = "tsvector", generated = "to_tsvector('english'::regconfig, title)", default = "x")]
    pub other: Option<String>,
}

fn main() {}
