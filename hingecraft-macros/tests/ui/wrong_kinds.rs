use hingecraft_runtime::prelude::*;

#[table(name = "users", module = "master")]
pub struct User {
    #[hc(primary_key)]
    pub id: Uuid,
    #[hc(max_len = 10)]
    pub age: i32,
    #[hc(default = 3)]
    pub name: String,
    #[hc(min = 5, max = 1)]
    pub score: i64,
    #[hc(on_delete = "cascade")]
    pub team_id: Uuid,
    #[hc(on_delete = "explode", references = "users")]
    pub boss_id: Option<Uuid>,
}

fn main() {}
