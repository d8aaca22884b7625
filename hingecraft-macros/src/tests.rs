//! Snapshots of the expansion, pretty-printed.

use quote::quote;

fn expand(args: proc_macro2::TokenStream, item: proc_macro2::TokenStream) -> String {
    let out = crate::expand::table(args, item);
    let file = syn::parse2::<syn::File>(out).expect("the expansion parses as a file");
    prettyplease::unparse(&file)
}

#[test]
fn users_with_lookups_checks_and_flags() {
    let out = expand(
        quote!(
            name = "users",
            module = "master",
            layer = "02_users_identity",
            audit,
            soft_delete
        ),
        quote! {
            /// A person with an account on the platform.
            pub struct User {
                #[hc(primary_key, default_sql = "gen_random_uuid()")]
                pub id: Uuid,
                /// Login e-mail.
                #[hc(unique, max_len = 255)]
                pub email: String,
                #[hc(one_of("active", "suspended"), default = "active", indexed)]
                pub status: String,
                #[hc(min = -1, max = 150)]
                pub age: Option<i32>,
                pub deleted_at: Option<DateTimeWithTimeZone>,
            }
        },
    );
    insta::assert_snapshot!(out);
}

#[test]
fn members_with_foreign_keys_tenant_and_composite_unique() {
    let out = expand(
        quote!(
            name = "workspace_members",
            module = "codex",
            unique(workspace_id, user_id),
            index(
                columns(settings),
                method = "gin",
                opclass = "jsonb_path_ops"
            ),
            index(
                columns(invited_by),
                unique,
                predicate = "deleted_at IS NULL"
            )
        ),
        quote! {
            pub struct WorkspaceMember {
                #[hc(primary_key, default_sql = "gen_random_uuid()")]
                pub id: Uuid,
                #[hc(tenant, references = "workspaces", on_delete = "cascade")]
                pub workspace_id: Uuid,
                #[hc(references = "users", entity = "crate::modules::master::users", on_delete = "cascade")]
                pub user_id: Uuid,
                #[hc(references = "users", entity = "crate::modules::master::users", on_delete = "set null")]
                pub invited_by: Option<Uuid>,
                #[hc(references = "workspace_members", on_delete = "set null")]
                pub parent_id: Option<Uuid>,
                #[hc(default = "{}")]
                pub settings: Json,
            }
        },
    );
    insta::assert_snapshot!(out);
}

#[test]
fn composite_primary_key_and_sql_types() {
    let out = expand(
        quote!(
            name = "design_tags",
            module = "master",
            primary_key(design_id, tag)
        ),
        quote! {
            pub struct DesignTag {
                pub design_id: Uuid,
                #[hc(name = "tag", max_len = 64)]
                pub tag_name: String,
                #[hc(sql_type = "ltree")]
                pub path: Option<String>,
                #[hc(precision = 12, scale = 2)]
                pub price: Decimal,
            }
        },
    );
    insta::assert_snapshot!(out);
}

#[test]
fn errors_are_all_reported_and_the_struct_is_kept() {
    let out = crate::expand::table(
        quote!(name = "Bad", module = "master"),
        quote! {
            pub struct Bad {
                #[hc(primary_key)]
                pub a: Uuid,
                #[hc(primary_key, max_len = 3)]
                pub b: i32,
            }
        },
    )
    .to_string();
    assert!(out.contains("pub struct Bad"), "{out}");
    assert!(out.contains("not snake_case"), "{out}");
    assert!(out.contains("two primary keys"), "{out}");
    assert!(
        out.contains("`max_len` applies to `String` fields only"),
        "{out}"
    );
    assert!(
        !out.contains("hc ("),
        "the #[hc] attributes are removed: {out}"
    );
}

#[test]
fn tenant_soft_delete_versioned_searchable_with_navigation() {
    let out = expand(
        quote!(
            name = "notes",
            module = "codex",
            soft_delete,
            versioned,
            unique(workspace_id, slug)
        ),
        quote! {
            pub struct Note {
                #[hc(primary_key, default_sql = "gen_random_uuid()")]
                pub id: Uuid,
                #[hc(tenant, references = "workspaces", on_delete = "cascade")]
                pub workspace_id: Uuid,
                #[hc(references = "users")]
                pub author_id: Uuid,
                #[hc(references = "users", on_delete = "set null")]
                pub created_by: Option<Uuid>,
                pub slug: String,
                #[hc(sql_type = "tsvector")]
                pub search_vector: Option<String>,
                #[hc(dim = 3)]
                pub embedding: Option<PgVector>,
                #[hc(default = 1, min = 1)]
                pub version: i32,
                #[hc(default_sql = "now()")]
                pub created_at: DateTimeWithTimeZone,
                pub deleted_at: Option<DateTimeWithTimeZone>,
            }
        },
    );
    insta::assert_snapshot!(out);
}
