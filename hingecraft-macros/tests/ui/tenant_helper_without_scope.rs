// The helpers of a tenant table take a scoped handle: a bare connection
// does not compile.
mod workspaces {
    use hingecraft_runtime::prelude::*;

    #[table(name = "workspaces", module = "m")]
    pub struct Workspace {
        #[hc(primary_key)]
        pub id: Uuid,
    }
}

mod notes {
    use hingecraft_runtime::prelude::*;

    #[table(name = "notes", module = "m")]
    pub struct Note {
        #[hc(primary_key)]
        pub id: Uuid,
        #[hc(tenant, references = "workspaces")]
        pub workspace_id: Uuid,
    }
}

async fn forgot_the_tenant(db: &sea_orm::DatabaseConnection) {
    let _ = notes::Entity::find_by_pk(db, uuid::Uuid::nil()).await;
}

fn main() {
    let _ = forgot_the_tenant;
}
