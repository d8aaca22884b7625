use hingecraft::prelude::*;

/// A design as the complete schema sees it: what it is, who owns it, how it
/// is licensed and whether it is offered on the marketplace, with the hinge
/// parameters it was generated from and the id of the Wix item it is
/// mirrored to.
#[table(name = "designs", module = "complete", soft_delete, timestamps)]
pub struct Design {
    #[hc(primary_key, default_sql = "gen_random_uuid()")]
    pub id: Uuid,
    /// The workspace the design belongs to.
    #[hc(tenant, references = "workspaces", entity = "crate::modules::codex::workspaces", on_delete = "cascade")]
    pub workspace_id: Uuid,
    /// The member who created the design and answers for it; ownership is
    /// transferred before that user can be removed.
    #[hc(owner, references = "users", on_delete = "restrict", indexed)]
    pub user_id: Uuid,
    #[hc(max_len = 255)]
    pub title: String,
    pub description: Option<String>,
    /// Where the design stands in its lifecycle.
    #[hc(one_of("draft", "in_review", "published", "archived"), default = "draft", indexed)]
    pub status: String,
    /// Who may see the design: anyone, members of its workspace, or its
    /// owner and collaborators only.
    #[hc(one_of("public", "workspace", "private"), default = "private")]
    pub visibility: String,
    /// SPDX identifier of the licence the design is shared under; none:
    /// all rights reserved.
    #[hc(max_len = 64)]
    pub license: Option<String>,
    /// Terms the licence identifier does not say: commercial use allowed,
    /// attribution text, royalty share.
    #[hc(default = "{}")]
    pub license_terms: Json,
    /// The hinge parameters of the design (hinge type, pin diameter,
    /// clearance, rotation range, material thickness), as the generator
    /// takes them.
    #[hc(default = "{}")]
    pub hinge_spec: Json,
    /// Whether the design is offered on the marketplace; `pending_review`
    /// until the platform has checked the listing.
    #[hc(one_of("unlisted", "pending_review", "listed", "delisted"), default = "unlisted")]
    pub marketplace_status: String,
    /// The id of the item mirroring the design in the Wix site's data
    /// collection, once synced.
    #[hc(unique, max_len = 255)]
    pub wix_item_id: Option<String>,
    /// When the design was last synced to its Wix item.
    pub wix_synced_at: Option<DateTimeWithTimeZone>,
    /// Free-form attributes (dimensions, materials, tools needed, import source).
    #[hc(default = "{}")]
    pub metadata: Json,
    #[hc(default_sql = "now()")]
    pub created_at: DateTimeWithTimeZone,
    #[hc(default_sql = "now()")]
    pub updated_at: DateTimeWithTimeZone,
    /// Set when the design is deleted; the row stays for history and forks.
    pub deleted_at: Option<DateTimeWithTimeZone>,
}
