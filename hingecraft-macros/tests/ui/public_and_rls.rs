use hingecraft_runtime::prelude::*;

#[table(name = "settings", module = "master", public, rls)]
pub struct Setting {
    #[hc(primary_key)]
    pub id: Uuid,
    #[hc(tenant)]
    pub workspace_id: String,
}

fn main() {}
