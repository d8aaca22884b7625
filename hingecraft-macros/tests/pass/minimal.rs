mod users {
    use hingecraft_runtime::prelude::*;

    /// A user.
    #[table(name = "users", module = "master")]
    pub struct User {
        #[hc(primary_key, default_sql = "gen_random_uuid()")]
        pub id: Uuid,
        #[hc(unique)]
        pub email: String,
    }
}

mod posts {
    use hingecraft_runtime::prelude::*;

    #[table(name = "posts", module = "master")]
    pub struct Post {
        #[hc(primary_key)]
        pub id: i64,
        #[hc(references = "users", on_delete = "cascade")]
        pub author_id: Uuid,
        #[hc(references = "posts", on_delete = "set null")]
        pub reply_to: Option<i64>,
        #[hc(dim = 3)]
        pub embedding: Option<PgVector>,
    }
}

fn main() {
    use hingecraft_runtime::TableDef;
    let t = <posts::Entity as TableDef>::table_def();
    assert_eq!(t.foreign_keys.len(), 2);
    assert_eq!(t.columns[3].ty, hingecraft_runtime::model::ColumnType::Vector { dim: 3 });
}

#[allow(dead_code)]
async fn lookups(db: &sea_orm::DatabaseConnection) -> Result<(), sea_orm::DbErr> {
    let _: Option<users::User> = users::Entity::find_by_email(db, "a@example.com").await?;
    let _: Option<posts::Post> = posts::Entity::find_by_pk(db, 1).await?;
    Ok(())
}
