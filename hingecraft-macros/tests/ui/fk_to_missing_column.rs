mod users {
    use hingecraft_runtime::prelude::*;

    #[table(name = "users", module = "master")]
    pub struct User {
        #[hc(primary_key)]
        pub id: Uuid,
    }
}

mod posts {
    use hingecraft_runtime::prelude::*;

    #[table(name = "posts", module = "master")]
    pub struct Post {
        #[hc(primary_key)]
        pub id: Uuid,
        #[hc(references = "users", ref_column = "uuid")]
        pub author_id: Uuid,
    }
}

fn main() {}
