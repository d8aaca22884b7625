mod posts {
    use hingecraft_runtime::prelude::*;

    #[table(name = "posts", module = "master")]
    pub struct Post {
        #[hc(primary_key)]
        pub id: Uuid,
        #[hc(references = "authors")]
        pub author_id: Uuid,
    }
}

fn main() {}
