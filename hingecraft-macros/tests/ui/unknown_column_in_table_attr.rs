use hingecraft_runtime::prelude::*;

#[table(name = "members", module = "master", unique(workspace_id, usr_id), index(columns(nme)))]
pub struct Member {
    #[hc(primary_key)]
    pub id: Uuid,
    pub workspace_id: Uuid,
    pub user_id: Uuid,
    pub name: String,
}

fn main() {}
