//! The table the query benchmarks use (included by each of them).

pub(crate) mod bench_users {
    use hingecraft_runtime::prelude::*;

    /// A user, as services look them up by e-mail.
    #[table(name = "bench_users", module = "bench", soft_delete)]
    pub struct BenchUser {
        #[hc(primary_key, default_sql = "gen_random_uuid()")]
        pub id: Uuid,
        #[hc(unique, max_len = 255)]
        pub email: String,
        pub name: String,
        #[hc(default = 0)]
        pub score: i32,
        pub deleted_at: Option<DateTimeWithTimeZone>,
    }
}
