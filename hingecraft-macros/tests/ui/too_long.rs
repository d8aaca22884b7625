use hingecraft_runtime::prelude::*;

#[table(name = "a_table_name_that_is_far_too_long_to_be_kept_whole_by_postgres_server", module = "master")]
pub struct Thing {
    #[hc(primary_key)]
    pub id: Uuid,
}

fn main() {}
